import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { outbox } from '#queue/outbox'
import {
  createEffectsTable,
  EFFECT_EVENT,
  EFFECT_JOB,
  EFFECTS_TABLE,
  type EffectRequest,
} from '#tests/fixtures/jobs/effect_job'
import { AppServer } from './app_server.js'
import { openEmbeddedDatabase } from './embedded_database.js'
import { freePort, waitUntil } from './process_helpers.js'

/**
 * DESIGN "Queues": the in-process driver keeps its jobs in the database,
 * so killing the server loses nothing, and runOnce keeps a job that runs
 * again from applying its effect twice.
 */
const CONNECTION = 'queue_embedded'
const SQLITE_PATH = `tmp/embedded-queue-${process.pid}.sqlite`
const JOBS = 6
const LEASE_MS = 3000

function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DB_CONNECTION: 'sqlite',
    SQLITE_PATH,
    // empty wins over a REDIS_URL in .env: the in-process driver, worked by the web process
    REDIS_URL: '',
    QUEUE_IN_PROCESS_WORKER: 'true',
    QUEUE_LEASE_MS: String(LEASE_MS),
    QUEUE_TEST_FIXTURES: 'true',
  }
}

test.group('Embedded / kill -9 and restart (SQLite, in-process queue)', (group) => {
  const servers: AppServer[] = []

  group.setup(async () => {
    const closeDatabase = await openEmbeddedDatabase(CONNECTION, SQLITE_PATH)
    await createEffectsTable(db.connection(CONNECTION))

    return async () => {
      for (const server of servers) await server.kill()
      await closeDatabase()
    }
  })

  test('jobs killed mid-run all finish after a restart, each effect applied once', async ({
    assert,
  }) => {
    const client = db.connection(CONNECTION)
    const port = await freePort()
    const effectKeys = async () => {
      const rows = await client.from(EFFECTS_TABLE).select('effect_key')
      return rows.map((row) => row.effect_key as string)
    }
    const jobs = () => client.from('queue_jobs').select('job_key', 'status', 'attempts')
    const completedJobs = async () => {
      const rows = await jobs()
      return rows.filter((job) => job.status === 'completed').length
    }

    // events recorded while the server is down; each job commits its effect,
    // then works 3 s more before it is done
    const eventIds = await client.transaction(async (trx) => {
      const ids: number[] = []
      for (let i = 1; i <= JOBS; i++) {
        const request: EffectRequest = {
          label: `effetto ${i}`,
          sleepBeforeMs: 200,
          sleepAfterMs: 3000,
        }
        ids.push(await outbox.record(trx, { type: EFFECT_EVENT, payload: { ...request } }))
      }
      return ids
    })

    const first = new AppServer(serverEnv(port))
    servers.push(first)
    await first.waitForHttp(port)
    await waitUntil(
      async () => {
        const applied = await effectKeys()
        return applied.length > 0
      },
      60_000,
      () => `no job ran:\n${first.output}`
    )
    await first.kill()

    const killedAt = { jobs: await jobs(), effects: await effectKeys() }
    const interrupted = killedAt.jobs.filter(
      (job) => job.status === 'running' && killedAt.effects.includes(job.job_key)
    )
    assert.isAbove(interrupted.length, 0, 'a job was killed after committing its effect')
    assert.isBelow(
      killedAt.jobs.filter((job) => job.status === 'completed').length,
      JOBS,
      'jobs were still pending or running'
    )

    const second = new AppServer(serverEnv(port))
    servers.push(second)
    await waitUntil(
      async () => (await completedJobs()) === JOBS,
      90_000,
      () => `jobs not completed after the restart:\n${second.output}`
    )
    await second.kill()

    const expectedKeys = eventIds.map((id) => `outbox:${id}:${EFFECT_JOB}`)
    assert.sameMembers(await effectKeys(), expectedKeys, 'one effect per event, none twice')
    const finalJobs = await jobs()
    assert.sameMembers(
      finalJobs.map((job) => job.job_key),
      expectedKeys,
      'one job per event'
    )
    for (const job of interrupted) {
      const after = finalJobs.find((row) => row.job_key === job.job_key)!
      assert.isAbove(
        after.attempts,
        job.attempts,
        `${job.job_key} was delivered again after the kill`
      )
    }
    const pendingEvents = await client.from('outbox_events').whereNull('dispatched_at')
    assert.lengthOf(pendingEvents, 0)
  })
})
