import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import QueueJob from '#models/queue_job'
import { jobRegistry, type JobContext } from '#queue/job_registry'
import { databaseDriver, emptyQueueTables, manualClock } from './helpers.js'

const FAILING_JOB = 'unit_queue.always_fails'
const RECORDING_JOB = 'unit_queue.records_runs'
const SLOW_JOB = 'unit_queue.slow'
const POLICY_JOB = 'unit_queue.registered_policy'

/** Runs of RECORDING_JOB and SLOW_JOB: payload id → contexts seen. */
const runs = new Map<string, JobContext[]>()
function recordRun(payload: { id: string }, context: JobContext) {
  runs.set(payload.id, [...(runs.get(payload.id) ?? []), context])
}

jobRegistry.register(FAILING_JOB, async () => {
  throw new Error('servizio remoto non disponibile')
})
jobRegistry.register(RECORDING_JOB, async (payload: { id: string }, context) =>
  recordRun(payload, context)
)
jobRegistry.register(POLICY_JOB, async () => {}, { attempts: 7, backoffMs: 250 })
jobRegistry.register(SLOW_JOB, async (payload: { id: string; ms: number }, context) => {
  recordRun(payload, context)
  await sleep(payload.ms)
})

test.group('Queue / database driver', (group) => {
  group.each.setup(async () => {
    runs.clear()
    await emptyQueueTables()
  })

  test('a failing job is retried with exponential back-off, then marked failed', async ({
    assert,
  }) => {
    const clock = manualClock()
    const start = clock.ms
    const driver = databaseDriver({ clock: clock.now })
    await driver.dispatch(FAILING_JOB, { id: 'a' }, { attempts: 3, backoffMs: 1000 })

    assert.equal(await driver.runDue(), 1)
    let job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 1)
    assert.equal(job.availableAt.toMillis(), start + 1000)
    assert.include(job.lastError, 'servizio remoto non disponibile')

    clock.set(start + 999)
    assert.equal(await driver.runDue(), 0, 'not due before its back-off')
    clock.set(start + 1000)
    assert.equal(await driver.runDue(), 1)
    job = await QueueJob.firstOrFail()
    assert.equal(job.attempts, 2)
    assert.equal(job.availableAt.toMillis(), start + 1000 + 2000, 'second wait is twice the first')

    clock.set(start + 3000)
    assert.equal(await driver.runDue(), 1)
    job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'failed')
    assert.equal(job.attempts, 3)
    assert.isNull(job.lockedUntil)

    clock.advance(3_600_000)
    assert.equal(await driver.runDue(), 0, 'a failed job is not retried on its own')
  })

  test('attempts and back-off default to those registered with the job', async ({ assert }) => {
    await databaseDriver().dispatch(POLICY_JOB, {})
    const job = await QueueJob.firstOrFail()
    assert.equal(job.maxAttempts, 7)
    assert.equal(job.backoffMs, 250)
  })

  test('dispatching an unknown job fails at once', async ({ assert }) => {
    await assert.rejects(() => databaseDriver().dispatch('unit_queue.nobody', {}), /Unknown job/)
  })

  test('a key deduplicates: the same key is queued once', async ({ assert }) => {
    const driver = databaseDriver()
    await driver.dispatch(RECORDING_JOB, { id: 'first' }, { key: 'pratica:1:acquire' })
    await driver.dispatch(RECORDING_JOB, { id: 'second' }, { key: 'pratica:1:acquire' })
    await driver.dispatch(RECORDING_JOB, { id: 'other' }, { key: 'pratica:2:acquire' })

    assert.equal(await driver.runDue(), 2)
    assert.deepEqual([...runs.keys()].sort(), ['first', 'other'])
    assert.equal(runs.get('first')![0].jobKey, 'pratica:1:acquire')
  })

  test('a delayed job waits for its time', async ({ assert }) => {
    const clock = manualClock()
    const driver = databaseDriver({ clock: clock.now })
    await driver.dispatch(RECORDING_JOB, { id: 'later' }, { delayMs: 5000 })
    clock.advance(4999)
    assert.equal(await driver.runDue(), 0)
    clock.advance(1)
    assert.equal(await driver.runDue(), 1)
  })

  test('a job whose lease expired (its process died) is run again', async ({ assert }) => {
    const clock = manualClock()
    const driver = databaseDriver({ clock: clock.now, leaseMs: 30_000 })
    await driver.dispatch(RECORDING_JOB, { id: 'orphan' }, { key: 'orphan' })
    // as left by a worker killed in the middle of the job
    await db.from('queue_jobs').update({
      status: 'running',
      attempts: 1,
      locked_by: 'dead-worker',
      locked_until: new Date(clock.ms + 30_000),
    })

    clock.advance(29_999)
    assert.equal(await driver.runDue(), 0, 'the lease still holds')
    clock.advance(2)
    assert.equal(await driver.runDue(), 1)

    assert.deepEqual(runs.get('orphan'), [{ attempt: 2, jobKey: 'orphan' }])
    const job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'completed')
    assert.isNull(job.lockedBy)
  })

  test('a job interrupted during its last attempt is marked failed, not run again', async ({
    assert,
  }) => {
    const clock = manualClock()
    const driver = databaseDriver({ clock: clock.now })
    await driver.dispatch(RECORDING_JOB, { id: 'last' }, { attempts: 2 })
    await db.from('queue_jobs').update({
      status: 'running',
      attempts: 2,
      locked_by: 'dead-worker',
      locked_until: new Date(clock.ms),
    })

    clock.advance(1)
    assert.equal(await driver.runDue(), 1)
    assert.isFalse(runs.has('last'))
    const job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'failed')
    assert.include(job.lastError, 'Interrotto')
  })

  test('a running job keeps its lease: another worker does not take it', async ({ assert }) => {
    const worker = databaseDriver({ leaseMs: 600 })
    const other = databaseDriver({ leaseMs: 600 })
    await worker.dispatch(SLOW_JOB, { id: 'long', ms: 1500 })

    const running = worker.runDue()
    await sleep(800)
    assert.equal(await other.runDue(), 0, 'past the first lease, renewed meanwhile')
    await sleep(400)
    assert.equal(await other.runDue(), 0)
    await running

    assert.lengthOf(runs.get('long')!, 1)
    const job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'completed')
  })

  test('two workers claiming at once never run the same job', async ({ assert }) => {
    const first = databaseDriver({ concurrency: 10 })
    const second = databaseDriver({ concurrency: 10 })
    for (let i = 0; i < 12; i++) {
      await first.dispatch(RECORDING_JOB, { id: `job-${i}` })
    }
    const [a, b, c, d] = await Promise.all([
      first.runDue(),
      second.runDue(),
      first.runDue(),
      second.runDue(),
    ])

    assert.equal(a + b + c + d, 12)
    assert.equal(runs.size, 12)
    for (const contexts of runs.values()) assert.lengthOf(contexts, 1)
  })

  test('the worker loop runs queued jobs and stops cleanly', async ({ assert }) => {
    const driver = databaseDriver({ pollIntervalMs: 50 })
    await driver.startWorker()
    await driver.dispatch(RECORDING_JOB, { id: 'looped' })
    for (let i = 0; i < 100 && !runs.has('looped'); i++) await sleep(20)
    await driver.stopWorker()

    assert.isTrue(runs.has('looped'))
    const job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'completed')
  })

  test('a failed job is listed and can be retried with fresh attempts', async ({ assert }) => {
    const driver = databaseDriver()
    await driver.dispatch(FAILING_JOB, { id: 'x' }, { attempts: 1, key: 'will-fail' })
    await driver.runDue()

    const [failed] = await driver.listFailed(10)
    assert.containsSubset(failed, {
      name: FAILING_JOB,
      key: 'will-fail',
      attempts: 1,
      maxAttempts: 1,
    })
    assert.deepEqual(failed.payload, { id: 'x' })
    assert.include(failed.lastError, 'servizio remoto')

    assert.isTrue(await driver.retryFailed(failed.id))
    assert.isFalse(await driver.retryFailed(failed.id), 'no longer failed')
    const job = await QueueJob.firstOrFail()
    assert.equal(job.status, 'pending')
    assert.equal(job.attempts, 0)
    assert.lengthOf(await driver.listFailed(10), 0)
  })
})
