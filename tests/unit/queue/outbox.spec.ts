import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import OutboxEvent from '#models/outbox_event'
import QueueJob from '#models/queue_job'
import { EnteFactory } from '#factories/ente_factory'
import { outbox } from '#queue/outbox'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import { OutboxSubscriptions } from '#queue/subscriptions'
import { QueueUnavailableError } from '#queue/errors'
import { jobRegistry } from '#queue/job_registry'
import type { QueueDriver } from '#queue/types'
import { databaseDriver, emptyQueueTables, manualClock } from './helpers.js'

const NOTIFY_JOB = 'unit_outbox.notify_citizen'
const PROTOCOL_JOB = 'unit_outbox.send_to_protocol'
jobRegistry.register(NOTIFY_JOB, async () => {})
jobRegistry.register(PROTOCOL_JOB, async () => {})

const subscriptions = new OutboxSubscriptions()
subscriptions.subscribe('pratica.submitted', NOTIFY_JOB, PROTOCOL_JOB)

function dispatcher(queue: Pick<QueueDriver, 'dispatch'>, clock = manualClock()) {
  return new OutboxDispatcher({
    queue,
    subscriptions,
    pollIntervalMs: 1000,
    batchSize: 10,
    retryBaseMs: 5000,
    retryMaxMs: 60_000,
    clock: clock.now,
  })
}

const unreachableQueue = {
  dispatch: async () => {
    throw new QueueUnavailableError('connect ECONNREFUSED 127.0.0.1:6390')
  },
}

test.group('Queue / outbox', (group) => {
  group.each.setup(() => emptyQueueTables())

  test('an event is written in the transaction of the change that causes it', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const id = await db.transaction((trx) =>
      outbox.record(trx, { type: 'pratica.submitted', enteId: ente.id, payload: { praticaId: 12 } })
    )
    const event = await OutboxEvent.findOrFail(id)
    assert.equal(event.type, 'pratica.submitted')
    assert.equal(event.enteId, ente.id)
    assert.deepEqual(event.payload, { praticaId: 12 })
    assert.isNull(event.dispatchedAt)
  })

  test('a rolled back transaction leaves no event', async ({ assert }) => {
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await outbox.record(trx, { type: 'pratica.submitted', payload: { praticaId: 13 } })
        throw new Error('the state change failed')
      })
    )
    assert.lengthOf(await OutboxEvent.all(), 0)
  })

  test('committing wakes the dispatcher; rolling back does not', async ({ assert }) => {
    let wakeUps = 0
    const stopListening = outbox.onCommitted(() => wakeUps++)
    try {
      const trx = await db.transaction()
      await outbox.record(trx, { type: 'pratica.submitted', payload: {} })
      await trx.rollback()
      assert.equal(wakeUps, 0)
      await db.transaction((committed) =>
        outbox.record(committed, { type: 'pratica.submitted', payload: {} })
      )
      assert.equal(wakeUps, 1)
    } finally {
      stopListening()
    }
  })

  test('the dispatcher queues every subscribed job with a per-event key, once', async ({
    assert,
  }) => {
    const queue = databaseDriver()
    const id = await db.transaction((trx) =>
      outbox.record(trx, { type: 'pratica.submitted', payload: { praticaId: 14 } })
    )
    assert.deepEqual(await dispatcher(queue).dispatchPending(), { dispatched: 1, failed: 0 })

    const jobs = await QueueJob.query().orderBy('name')
    assert.deepEqual(
      jobs.map((job) => job.jobKey),
      [`outbox:${id}:${NOTIFY_JOB}`, `outbox:${id}:${PROTOCOL_JOB}`]
    )
    assert.containsSubset(jobs[0].payload, {
      eventId: id,
      type: 'pratica.submitted',
      payload: { praticaId: 14 },
    })
    const event = await OutboxEvent.findOrFail(id)
    assert.isNotNull(event.dispatchedAt)

    // a crash after queueing but before marking the event: it is dispatched again
    await db.from('outbox_events').where('id', id).update({ dispatched_at: null })
    assert.deepEqual(await dispatcher(queue).dispatchPending(), { dispatched: 1, failed: 0 })
    assert.lengthOf(await QueueJob.all(), 2, 'the keys absorb the second dispatch')
  })

  test('while the queue is unreachable events stay pending with the error and a back-off', async ({
    assert,
  }) => {
    const first = await db.transaction((trx) =>
      outbox.record(trx, { type: 'pratica.submitted', payload: { n: 1 } })
    )
    const second = await db.transaction((trx) =>
      outbox.record(trx, { type: 'pratica.submitted', payload: { n: 2 } })
    )
    const clock = manualClock()

    assert.deepEqual(await dispatcher(unreachableQueue, clock).dispatchPending(), {
      dispatched: 0,
      failed: 1,
    })
    const postponed = await OutboxEvent.findOrFail(first)
    assert.isNull(postponed.dispatchedAt)
    assert.equal(postponed.attempts, 1)
    assert.include(postponed.lastError, 'ECONNREFUSED')
    assert.equal(postponed.availableAt.toMillis(), clock.ms + 5000)
    const untouched = await OutboxEvent.findOrFail(second)
    assert.equal(untouched.attempts, 0, 'the pass stopped at the first failure')

    // the queue is back: the untouched event goes now, the postponed one after its back-off
    const queue = databaseDriver()
    assert.deepEqual(await dispatcher(queue, clock).dispatchPending(), { dispatched: 1, failed: 0 })
    clock.advance(5000)
    assert.deepEqual(await dispatcher(queue, clock).dispatchPending(), { dispatched: 1, failed: 0 })
    assert.lengthOf(await QueueJob.all(), 4)
    assert.lengthOf(await OutboxEvent.query().whereNull('dispatched_at'), 0)
  })

  test('the back-off doubles after each failure, up to its maximum', async ({ assert }) => {
    const id = await db.transaction((trx) =>
      outbox.record(trx, { type: 'pratica.submitted', payload: {} })
    )
    const clock = manualClock()
    const waits: number[] = []
    for (let pass = 0; pass < 6; pass++) {
      await dispatcher(unreachableQueue, clock).dispatchPending()
      const event = await OutboxEvent.findOrFail(id)
      waits.push(event.availableAt.toMillis() - clock.ms)
      clock.set(event.availableAt.toMillis())
    }
    assert.deepEqual(waits, [5000, 10_000, 20_000, 40_000, 60_000, 60_000])
  })
})
