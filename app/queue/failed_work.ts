import db from '@adonisjs/lucid/services/db'
import OutboxEvent from '#models/outbox_event'
import { queue } from '#queue/queue'
import { queueRuntime } from '#queue/runtime'
import { QueueUnavailableError } from '#queue/errors'
import type { FailedJob } from '#queue/types'

export interface FailedWork {
  driver: string
  jobs: FailedJob[]
  /** why the failed jobs could not be read (Redis down), if so */
  jobsUnavailable: string | null
  /** events the dispatcher could not hand to the queue yet */
  stuckEvents: OutboxEvent[]
}

/** What the admin page lists: failed jobs of the active driver and stuck outbox events. */
export async function listFailedWork(limit = 50): Promise<FailedWork> {
  const stuckEvents = await OutboxEvent.query()
    .whereNull('dispatched_at')
    .whereNotNull('last_error')
    .orderBy('id', 'asc')
    .limit(limit)
  try {
    const jobs = await queue.driver.listFailed(limit)
    return { driver: queue.driver.name, jobs, jobsUnavailable: null, stuckEvents }
  } catch (error) {
    if (!(error instanceof QueueUnavailableError)) throw error
    return { driver: queue.driver.name, jobs: [], jobsUnavailable: error.message, stuckEvents }
  }
}

export function retryFailedJob(id: string) {
  return queue.driver.retryFailed(id)
}

/** Makes a pending event due now and wakes the dispatcher; false when already dispatched. */
export async function retryOutboxEvent(id: number): Promise<boolean> {
  const updated = await db
    .from('outbox_events')
    .where('id', id)
    .whereNull('dispatched_at')
    .update({ available_at: new Date() })
  queueRuntime.notifyOutbox()
  return Number(updated) === 1
}

/** One line of a payload for a table cell. */
export function summarizePayload(payload: unknown, maxLength = 160): string {
  const text = typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? '')
  return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text
}
