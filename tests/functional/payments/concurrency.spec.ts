import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import OutboxEvent from '#models/outbox_event'
import PraticaStatusChange from '#models/pratica_status_change'
import { startSimulatedMyPay } from '#plugins/payment_mypay/tests/helpers/simulated_mypay'
import { reconcilePosition } from '#services/payments/reconcile'
import { asCitizen } from '#tests/functional/pratiche/helpers'
import {
  openCheckout,
  payingSetup,
  positionsOf,
  submitAndCreate,
  useDatabaseQueue,
  type SimulatedMyPay,
} from './helpers.js'

let mypay: SimulatedMyPay

/**
 * Real concurrent transactions (no global test transaction: its single
 * connection would serialise them): on PostgreSQL the row locks decide.
 * The rows stay in the test database, under an ente of their own; the
 * queue's work they left is cleared, so no later test finds it.
 */
test.group('Payments: news of one payment arriving all at once', (group) => {
  group.setup(async () => {
    mypay = await startSimulatedMyPay()
    const restoreQueue = useDatabaseQueue()
    return async () => {
      restoreQueue()
      await mypay.harness.teardown()
      for (const table of ['outbox_events', 'queue_jobs', 'processed_effects']) {
        await db.from(table).delete()
      }
    }
  })

  test('the push twice, the landing page and the reconciliation job together: paid once, Inviata once, one e-mail', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay)
    const { pratica, positions, base } = await submitAndCreate(client, setup)
    await mypay.checkout({ redirectUrl: await openCheckout(client, setup, base) }, 'paid')
    const push = await mypay.harness.notificationFor(positions[0].ref!)
    const deliver = () =>
      client
        .post(`/${setup.ente.slug}/callbacks/payment_mypay/notify`)
        .header('authorization', String(push.headers.authorization))
        .header('content-type', 'application/json')
        .json(JSON.parse(push.rawBody!))

    const [first, second, landing] = await Promise.all([
      deliver(),
      deliver(),
      asCitizen(client.get(`${base}/pagamento/esito`), setup.ente, setup.citizen),
      reconcilePosition(positions[0].id),
    ])
    first.assertStatus(200)
    second.assertStatus(200)
    landing.assertStatus(200)

    const [position] = await positionsOf(pratica)
    assert.equal(position.status, 'COMPLETE')
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id).orderBy('id')
    assert.deepEqual(
      iter.map((step) => step.toStatus),
      [1000, 1500, 1510, 1520, 1900]
    )
    const summaries = await OutboxEvent.query()
      .where('enteId', setup.ente.id)
      .where('type', 'message.requested')
      .where('payload', 'like', '%Pagamento ricevuto%')
    assert.lengthOf(summaries, 1)
  })
})
