import { test } from '@japa/runner'
import EntePlugin from '#models/ente_plugin'
import PraticaStatusChange from '#models/pratica_status_change'
import { simulatorFaults } from '#plugins/payment_mypay/simulator/faults'
import { asCitizen, fillAndSubmit, workTheQueue } from '#tests/functional/pratiche/helpers'
import {
  payingSetup,
  positionsOf,
  statusOf,
  submitAndCreate,
  withSimulatedMyPay,
  openCheckout,
} from './helpers.js'

/** A clock that moves on by an hour at every call: every retry and every check is due. */
function hoursLater() {
  let hours = 0
  return () => new Date(Date.now() + ++hours * 3_600_000)
}

async function iterOf(praticaId: number) {
  const iter = await PraticaStatusChange.query().where('pratica_id', praticaId).orderBy('id')
  return iter.map((step) => step.toStatus)
}

test.group('Payments at request: faults', (group) => {
  const mypay = withSimulatedMyPay(group)
  group.each.teardown(() => simulatorFaults.clear())

  test('MyPay answers 500 on creation: CREATION_PENDING with the error, retried, then one position', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const before = await mypay().harness.countPositions()
    simulatorFaults.inject('http500', { operation: 'paaSILImportaDovuto' })
    const { pratica, positions } = await submitAndCreate(client, setup)

    assert.equal(pratica.status, 1500)
    assert.lengthOf(positions, 1)
    assert.equal(positions[0].status, 'CREATION_PENDING')
    assert.include(positions[0].lastError, 'non è raggiungibile')
    assert.equal(await mypay().harness.countPositions(), before)

    await workTheQueue({ clock: hoursLater() })
    const [created] = await positionsOf(pratica)
    assert.equal(created.status, 'PAYMENT_PENDING')
    assert.isNull(created.lastError)
    assert.equal(await mypay().harness.countPositions(), before + 1)
    assert.equal(await statusOf(pratica), 1500)
  })

  test('MyPay makes the position but the answer is lost (timeout): the retry finds it, never a second one', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const before = await mypay().harness.countPositions()
    simulatorFaults.inject('lostAnswer', { operation: 'paaSILImportaDovuto' })
    const { pratica, positions } = await submitAndCreate(client, setup)
    assert.equal(positions[0].status, 'CREATION_PENDING')

    await workTheQueue({ clock: hoursLater() })
    const all = await positionsOf(pratica)
    assert.lengthOf(all, 1)
    assert.equal(all[0].status, 'PAYMENT_PENDING')
    assert.equal(await mypay().harness.countPositions(), before + 1)
  })

  test('MyPay executes the creation twice (a proxy retried it): still one position', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const before = await mypay().harness.countPositions()
    simulatorFaults.inject('twice', { operation: 'paaSILImportaDovuto' })
    const { pratica } = await submitAndCreate(client, setup)
    await workTheQueue({ clock: hoursLater() })
    const all = await positionsOf(pratica)
    assert.lengthOf(all, 1)
    assert.equal(all[0].status, 'PAYMENT_PENDING')
    assert.equal(await mypay().harness.countPositions(), before + 1)
  })

  test('the outcome push delivered twice: the pratica is Inviata once, a forged push changes nothing', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { pratica, positions, base } = await submitAndCreate(client, setup)
    const forged = await mypay().harness.forgeNotification(positions[0].ref!)
    const forgedAnswer = await client
      .post(`/${setup.ente.slug}/callbacks/payment_mypay/notify`)
      .header('authorization', String(forged.headers.authorization))
      .header('content-type', 'application/json')
      .json(JSON.parse(forged.rawBody!))
    forgedAnswer.assertStatus(400)
    assert.equal(await statusOf(pratica), 1500)

    await mypay().checkout({ redirectUrl: await openCheckout(client, setup, base) }, 'paid')
    const push = await mypay().harness.notificationFor(positions[0].ref!)
    for (let delivery = 0; delivery < 2; delivery++) {
      const answer = await client
        .post(`/${setup.ente.slug}/callbacks/payment_mypay/notify`)
        .header('authorization', String(push.headers.authorization))
        .header('content-type', 'application/json')
        .json(JSON.parse(push.rawBody!))
      answer.assertStatus(200)
    }
    const [position] = await positionsOf(pratica)
    assert.equal(position.status, 'COMPLETE')
    assert.deepEqual(await iterOf(pratica.id), [1000, 1500, 1510, 1520, 1900])

    // the citizen comes back afterwards: nothing more happens
    await asCitizen(client.get(`${base}/pagamento/esito`), setup.ente, setup.citizen)
    await workTheQueue({ clock: hoursLater() })
    const iter = await iterOf(pratica.id)
    assert.deepEqual(
      iter.filter((code) => code === 1900),
      [1900]
    )
  })

  test('paid, then the app restarts and the citizen never comes back: reconciliation concludes it', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { pratica, base } = await submitAndCreate(client, setup)
    await mypay().checkout({ redirectUrl: await openCheckout(client, setup, base) }, 'paid')
    // no push (no address), no landing page: only the reconciliation jobs kept in the database
    assert.equal(await statusOf(pratica), 1510)
    await workTheQueue({ clock: hoursLater() })
    // Inviata, then Acquisita by the job that follows every submission
    assert.deepEqual(await iterOf(pratica.id), [1000, 1500, 1510, 1520, 1900, 2000])
    const [position] = await positionsOf(pratica)
    assert.equal(position.status, 'COMPLETE')
    assert.isNull(position.nextCheckAt)
  })

  test('never paid: after the scadenza the position is EXPIRED and the pratica Pagamento rifiutato', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { pratica, positions } = await submitAndCreate(client, setup)
    const [position] = positions
    await mypay().harness.expire(position.ref!)
    await position.merge({ expiresAt: position.expiresAt!.minus({ days: 31 }) }).save()
    await workTheQueue({ clock: hoursLater() })
    await position.refresh()
    assert.equal(position.status, 'EXPIRED')
    assert.equal(await statusOf(pratica), 1530)
  })

  test('the ente has no payment plugin: the pratica waits at 1500, no position, the job retries', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    await EntePlugin.query()
      .where('ente_id', setup.ente.id)
      .where('plugin_id', 'payment_mypay')
      .update({ enabled: false })
    const { pratica } = await fillAndSubmit(client, setup.ente, setup.service, setup.citizen)
    await workTheQueue()
    assert.equal(await statusOf(pratica), 1500)
    assert.lengthOf(await positionsOf(pratica), 0)
    const page = await asCitizen(
      client.get(`/${setup.ente.slug}/pratiche/${pratica.uuid}/pagamento`),
      setup.ente,
      setup.citizen
    )
    assert.include(page.text(), 'non ha attivato un sistema di pagamento pagoPA')
  })
})
