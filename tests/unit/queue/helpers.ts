import db from '@adonisjs/lucid/services/db'
import { DatabaseQueueDriver, type DatabaseDriverOptions } from '#queue/database_driver'

/** A clock the test moves by hand, from the real now (rows written by outbox.record use the real time). */
export function manualClock() {
  let now = new Date()
  return {
    now: () => now,
    set: (ms: number) => (now = new Date(ms)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
    get ms() {
      return now.getTime()
    },
  }
}

export function databaseDriver(options: Partial<DatabaseDriverOptions> = {}) {
  return new DatabaseQueueDriver({
    pollIntervalMs: 1000,
    leaseMs: 30_000,
    concurrency: 5,
    shutdownGraceMs: 2000,
    ...options,
  })
}

export async function emptyQueueTables() {
  await db.from('queue_jobs').delete()
  await db.from('outbox_events').delete()
  await db.from('processed_effects').delete()
}
