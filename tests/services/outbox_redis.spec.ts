import { test } from '@japa/runner'
import { Queue } from 'bullmq'
import db from '@adonisjs/lucid/services/db'
import OutboxEvent from '#models/outbox_event'
import { outbox } from '#queue/outbox'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import { subscriptions } from '#queue/subscriptions'
import { BullmqQueueDriver, bullmqJobId } from '#queue/bullmq_driver'
import { QueueUnavailableError } from '#queue/errors'
import { jobRegistry } from '#queue/job_registry'
import {
  createEffectsTable,
  deliveries,
  EFFECT_EVENT,
  EFFECT_JOB,
  EFFECTS_TABLE,
  registerFixtureJobs,
} from '#tests/fixtures/jobs/effect_job'
import { freePort, waitUntil } from '#tests/embedded/process_helpers'
import { RedisServer } from './redis_server.js'

/**
 * DESIGN "Events": nothing is lost if Redis dies. Runs against a real
 * redis-server of its own (stopped and restarted by the test) and the
 * database of the run (PostgreSQL in CI).
 */
const QUEUE_NAME = 'outbox-test'
const PREFIX = `test-${process.pid}`
const FLAKY_JOB = 'services_queue.flaky'
let flakyJobFixed = false

function bullmqDriver(url: string) {
  return new BullmqQueueDriver({
    url,
    queueName: QUEUE_NAME,
    prefix: PREFIX,
    concurrency: 2,
    connectTimeoutMs: 1000,
    keepCompletedSeconds: 3600,
    keepFailedSeconds: 3600,
    shutdownGraceMs: 2000,
  })
}

function dispatcherFor(driver: BullmqQueueDriver) {
  // short back-off: the test retries as soon as Redis is back
  return new OutboxDispatcher({
    queue: driver,
    subscriptions,
    pollIntervalMs: 1000,
    batchSize: 10,
    retryBaseMs: 50,
    retryMaxMs: 200,
  })
}

function recordEffectEvent(label: string) {
  return db.transaction((trx) => outbox.record(trx, { type: EFFECT_EVENT, payload: { label } }))
}

async function effectRows(jobKey: string) {
  return db.from(EFFECTS_TABLE).where('effect_key', jobKey)
}

async function effectApplied(jobKey: string) {
  const rows = await effectRows(jobKey)
  return rows.length === 1
}

test.group('Services / outbox and BullMQ with Redis going down', (group) => {
  let redis: RedisServer
  let driver: BullmqQueueDriver
  let inspector: Queue

  group.setup(async () => {
    registerFixtureJobs()
    jobRegistry.register(
      FLAKY_JOB,
      async () => {
        if (!flakyJobFixed) throw new Error('protocollo non raggiungibile')
      },
      { attempts: 2, backoffMs: 50 }
    )
    await createEffectsTable(db.connection())
    redis = new RedisServer(await freePort())
    await redis.start()
    driver = bullmqDriver(redis.url)
    await driver.startWorker()
    inspector = new Queue(QUEUE_NAME, { connection: { url: redis.url }, prefix: PREFIX })
    inspector.on('error', () => {})

    return async () => {
      await inspector.close()
      await driver.close()
      await redis.stop()
    }
  })

  group.each.setup(async () => {
    await db.from('outbox_events').delete()
    await db.from('processed_effects').delete()
    await db.from(EFFECTS_TABLE).delete()
  })

  test('an event recorded while Redis is down is kept, then delivered and applied once', async ({
    assert,
  }) => {
    const dispatcher = dispatcherFor(driver)

    // Redis up: the path works end to end
    const before = await recordEffectEvent('prima del guasto')
    assert.deepEqual(await dispatcher.dispatchPending(), { dispatched: 1, failed: 0 })
    const beforeKey = `outbox:${before}:${EFFECT_JOB}`
    await waitUntil(
      () => effectApplied(beforeKey),
      15_000,
      () => 'job not run'
    )

    // Redis down: the pass returns at once, the event stays pending with the error
    await redis.stop()
    const during = await recordEffectEvent('durante il guasto')
    assert.deepEqual(await dispatcher.dispatchPending(), { dispatched: 0, failed: 1 })
    const kept = await OutboxEvent.findOrFail(during)
    assert.isNull(kept.dispatchedAt)
    assert.equal(kept.attempts, 1)
    assert.include(kept.lastError, 'Coda non raggiungibile')

    // Redis back (empty: no persistence): the dispatcher delivers, the worker runs the job
    await redis.start()
    await waitUntil(
      async () => {
        const report = await dispatcher.dispatchPending()
        return report.dispatched === 1
      },
      20_000,
      () => 'the event was not dispatched after Redis came back'
    )
    const duringKey = `outbox:${during}:${EFFECT_JOB}`
    await waitUntil(
      () => effectApplied(duringKey),
      20_000,
      () => 'job not run'
    )
    const delivered = await OutboxEvent.findOrFail(during)
    assert.isNotNull(delivered.dispatchedAt)
    assert.equal(deliveries.get(duringKey), 1)
  })

  test('a job delivered twice applies its effect once', async ({ assert }) => {
    const dispatcher = dispatcherFor(driver)
    const eventId = await recordEffectEvent('consegna doppia')
    const jobKey = `outbox:${eventId}:${EFFECT_JOB}`
    await dispatcher.dispatchPending()
    const jobId = bullmqJobId(jobKey)
    await waitUntil(
      async () => (await inspector.getJobState(jobId)) === 'completed',
      15_000,
      () => 'job not completed'
    )
    const firstRun = (await inspector.getJob(jobId))!

    // a crash before the event was marked dispatched: dispatched again while
    // BullMQ still keeps the job, the same jobId is ignored
    await db.from('outbox_events').where('id', eventId).update({ dispatched_at: null })
    assert.deepEqual(await dispatcher.dispatchPending(), { dispatched: 1, failed: 0 })
    assert.equal(
      await inspector.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized'),
      0
    )
    assert.equal(
      (await inspector.getJob(jobId))!.timestamp,
      firstRun.timestamp,
      'still the first job'
    )

    // the same, after BullMQ dropped the completed job: it is delivered again
    await firstRun.remove()
    await db.from('outbox_events').where('id', eventId).update({ dispatched_at: null })
    await dispatcher.dispatchPending()
    await waitUntil(
      async () => (await inspector.getJobState(jobId)) === 'completed',
      15_000,
      () => 'job not completed'
    )

    assert.equal(deliveries.get(jobKey), 2, 'the job ran twice')
    assert.lengthOf(await effectRows(jobKey), 1, 'its effect was applied once')
  })

  test('a job that used its attempts is listed as failed and can be retried', async ({
    assert,
  }) => {
    flakyJobFixed = false
    await driver.dispatch(FLAKY_JOB, { praticaId: 99 }, { key: 'flaky:99' })
    const findFailed = async () => {
      const failedJobs = await driver.listFailed(50)
      return failedJobs.find((job) => job.key === 'flaky:99')
    }
    await waitUntil(
      async () => !!(await findFailed()),
      15_000,
      () => 'job not failed'
    )

    const failed = (await findFailed())!
    assert.containsSubset(failed, {
      name: FLAKY_JOB,
      payload: { praticaId: 99 },
      attempts: 2,
      maxAttempts: 2,
    })
    assert.include(failed.lastError, 'protocollo non raggiungibile')

    flakyJobFixed = true
    assert.isTrue(await driver.retryFailed(failed.id))
    await waitUntil(
      async () => (await inspector.getJobState(failed.id)) === 'completed',
      15_000,
      () => 'retry not completed'
    )
  })

  test('a producer that never reached Redis fails at once instead of hanging', async ({
    assert,
  }) => {
    const unreachable = bullmqDriver(`redis://127.0.0.1:${await freePort()}`)
    try {
      await assert.rejects(() => unreachable.dispatch(EFFECT_JOB, {}), QueueUnavailableError as any)
      await assert.rejects(() => unreachable.listFailed(10), QueueUnavailableError as any)
    } finally {
      await unreachable.close()
    }
  })
})
