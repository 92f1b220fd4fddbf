import { test } from '@japa/runner'
import OutboxEvent from '#models/outbox_event'
import PraticaStatusChange from '#models/pratica_status_change'
import { pageText } from '#tests/functional/identity/helpers'
import { asCitizen, workTheQueue } from '#tests/functional/pratiche/helpers'
import {
  payingSetup,
  positionsOf,
  statusOf,
  submitAndCreate,
  withSimulatedMyPay,
  openCheckout,
} from './helpers.js'

test.group('Payments at request: Paga online through MyPay', (group) => {
  const mypay = withSimulatedMyPay(group)

  test('"Invia" makes one position at MyPay; the step page shows its codice avviso and both ways to pay', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const before = await mypay().harness.countPositions()
    const { pratica, sent, positions, base } = await submitAndCreate(client, setup)

    assert.equal(sent.header('location'), `${base}/pagamento`)
    assert.equal(pratica.status, 1500)
    assert.lengthOf(positions, 1)
    const [position] = positions
    assert.equal(position.status, 'PAYMENT_PENDING')
    assert.equal(position.idempotencyKey, `pratica:${pratica.id}:payment:1`)
    assert.equal(position.amountCents, 1600)
    assert.equal(position.payer.fiscalCode, setup.citizen.fiscalCode)
    assert.match(position.noticeCode!, /^3\d{17}$/)
    assert.equal(await mypay().harness.countPositions(), before + 1)

    const page = await asCitizen(client.get(`${base}/pagamento`), setup.ente, setup.citizen)
    page.assertStatus(200)
    const text = pageText(page)
    assert.include(text, 'Scegli la modalità di pagamento')
    assert.include(text, position.noticeCode!.replace(/(\d{4})(?=\d)/g, '$1 '))
    assert.match(text, /16,00\s€/)
    assert.include(text, 'Paga online')
    assert.include(text, 'Stampa e paga')
  })

  test('Paga online → MyPay checkout → landing: Pagamento avvenuto, pratica Inviata with its dates, summary e-mail once', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { pratica, positions, base } = await submitAndCreate(client, setup)

    const checkoutUrl = await openCheckout(client, setup, base)
    assert.isTrue(checkoutUrl.startsWith(mypay().remote.url))
    assert.equal(await statusOf(pratica), 1510)

    await mypay().checkout({ redirectUrl: checkoutUrl }, 'paid')
    const landing = await asCitizen(
      client.get(`${base}/pagamento/esito`),
      setup.ente,
      setup.citizen
    )
    assert.include(pageText(landing), 'Pagamento avvenuto con successo')

    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    assert.isNotNull(pratica.submittedAt)
    assert.isNotNull(pratica.responseDueAt)
    const [position] = await positionsOf(pratica)
    assert.equal(position.id, positions[0].id)
    assert.equal(position.status, 'COMPLETE')
    assert.isNotNull(position.paidAt)

    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id).orderBy('id')
    assert.deepEqual(
      iter.map((step) => step.toStatus),
      [1000, 1500, 1510, 1520, 1900]
    )
    // the landing page again, the status route, the queue: nothing changes twice
    await asCitizen(client.get(`${base}/pagamento/esito`), setup.ente, setup.citizen)
    const status = await asCitizen(client.get(`${base}/pagamento/stato`), setup.ente, setup.citizen)
    assert.deepInclude(status.body(), { outcome: 'paid', done: true })
    await workTheQueue()
    const summaries = await OutboxEvent.query()
      .where('enteId', setup.ente.id)
      .where('type', 'message.requested')
      .where('payload', 'like', '%Pagamento ricevuto%')
    assert.lengthOf(summaries, 1)
    assert.deepEqual(
      (summaries[0].payload.recipient as { email: string }).email,
      setup.citizen.email
    )
    assert.lengthOf(
      await PraticaStatusChange.query().where('pratica_id', pratica.id).where('to_status', 1900),
      1
    )
  })

  test('a declined card: Pagamento rifiutato, "Riprova" makes a NEW position and the pratica waits again', async ({
    client,
    assert,
  }) => {
    const setup = await payingSetup(mypay())
    const { pratica, positions, base } = await submitAndCreate(client, setup)
    await mypay().checkout({ redirectUrl: await openCheckout(client, setup, base) }, 'declined')
    const landing = await asCitizen(
      client.get(`${base}/pagamento/esito`),
      setup.ente,
      setup.citizen
    )
    assert.include(pageText(landing), 'Pagamento rifiutato')
    assert.equal(await statusOf(pratica), 1530)

    const retry = () =>
      asCitizen(client.post(`${base}/pagamento/riprova`), setup.ente, setup.citizen)
        .withCsrfToken()
        .redirects(0)
    await retry()
    const twice = await retry()
    assert.equal(await statusOf(pratica), 1500)
    await workTheQueue()
    const all = await positionsOf(pratica)
    assert.lengthOf(all, 2)
    assert.equal(all[0].id, positions[0].id)
    assert.equal(all[1].attempt, 2)
    assert.equal(all[1].idempotencyKey, `pratica:${pratica.id}:payment:1:tentativo:2`)
    assert.equal(all[1].status, 'PAYMENT_PENDING')
    assert.notEqual(all[1].iuv, all[0].iuv)
    twice.assertStatus(302)
  })

  test('someone else, or another ente, gets 404 on every payment page', async ({ client }) => {
    const setup = await payingSetup(mypay())
    const { positions, base } = await submitAndCreate(client, setup)
    const other = await payingSetup(mypay())
    for (const path of ['', '/esito', '/stato', `/avvisi/${positions[0].uuid}`]) {
      const response = await asCitizen(
        client.get(`${base}/pagamento${path}`),
        other.ente,
        other.citizen
      )
      response.assertStatus(404)
      const anonymous = await client.get(`${base}/pagamento${path}`)
      anonymous.assertStatus(404)
    }
  })
})
