import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import PaymentPosition from '#models/payment_position'
import type Citizen from '#models/citizen'
import type { ApiClient } from '@japa/api-client'
import { checkoutIdOf, createdPositions, fakePayments } from './helpers.js'

/** Adds the positions to the cart one by one, as the buttons do; answers the session holding it. */
async function fillCart(
  client: ApiClient,
  area: string,
  citizen: Citizen,
  positions: PaymentPosition[]
) {
  let session: { payments_cart?: string[] } = {}
  for (const position of positions) {
    const added = await client
      .post(`${area}/carrello`)
      .form({ avviso: position.uuid })
      .withSession(session)
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)
    added.assertStatus(302)
    session = { payments_cart: added.session().payments_cart }
  }
  return session
}

async function citizenWithPayments() {
  const ente = await EnteFactory.create()
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
  }).create()
  const payments = await fakePayments(ente)
  return { ente, citizen, ...payments, area: `/${ente.slug}/area-personale/pagamenti` }
}

test.group('Pagamenti of the personal area', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Da pagare and Pagati with the manual fields, and the open positions of the intermediary', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, remote, restore, area } = await citizenWithPayments()
    cleanup(restore)
    const [tari] = await createdPositions(ente, citizen, [
      { causale: 'TARI 2026', amountCents: 12050, dueDate: '2026-12-31' },
    ])
    remote.create({
      iupd: 'multa-xy123ab',
      amountCents: 4200,
      description: 'Contravvenzione targa XY123AB',
      payerFiscalCode: citizen.fiscalCode,
    })

    const page = await client.get(area).withGuard('citizen').loginAs(citizen)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'Da pagare (2)')
    assert.include(html, 'Pagati (0)')
    assert.include(html, 'TARI 2026')
    assert.include(html, '120,50')
    assert.include(html, `Codice avviso</dt><dd class="col-sm-8">${tari.noticeCode}`)
    assert.include(html, 'Scadenza</dt><dd class="col-sm-8">31/12/2026')
    assert.include(html, 'Contravvenzione targa XY123AB')
    assert.include(
      html,
      `Interessato</dt><dd class="col-sm-8">Lorenzo Bertoli ${citizen.fiscalCode}`
    )
    assert.include(html, 'Paga offline')
    assert.include(html, 'Riepilogo carrello')

    // read again: the fine is recorded once
    await client.get(area).withGuard('citizen').loginAs(citizen)
    const fines = await PaymentPosition.query().where('iud', 'multa-xy123ab')
    assert.lengthOf(fines, 1)
    assert.isNull(fines[0].praticaId)

    const due = await client
      .get(`${area}?dal=2026-12-01&al=2027-01-31`)
      .withGuard('citizen')
      .loginAs(citizen)
    assert.include(due.text(), 'Da pagare (1)')
    assert.notInclude(due.text(), 'Contravvenzione targa XY123AB')
  })

  test('the intermediary down: the page still lists what the platform knows, and says so', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, remote, restore, area } = await citizenWithPayments()
    cleanup(restore)
    await createdPositions(ente, citizen, [{ causale: 'Diritti di segreteria', amountCents: 1600 }])
    remote.setDown(true)
    const page = await client.get(area).withGuard('citizen').loginAs(citizen)
    page.assertStatus(200)
    assert.include(page.text(), 'Diritti di segreteria')
    assert.match(page.text(), /Non è stato possibile leggere ora dall(&#x27;|')intermediario/)
  })

  test('a cart of three notices paid in one checkout; receipts afterwards', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, remote, restore, area } = await citizenWithPayments()
    cleanup(restore)
    const positions = await createdPositions(ente, citizen, [
      { causale: 'Avviso uno', amountCents: 1000 },
      { causale: 'Avviso due', amountCents: 2000 },
      { causale: 'Avviso tre', amountCents: 3050 },
    ])
    const cart = await fillCart(client, area, citizen, positions)
    const page = await client.get(area).withSession(cart).withGuard('citizen').loginAs(citizen)
    assert.include(page.text(), 'Totali: 60,50')
    assert.equal(page.text().split('Nel carrello').length - 1, 3)

    const pay = await client
      .post(`${area}/paga`)
      .withSession(cart)
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)
    pay.assertStatus(302)
    const location = pay.header('location')!
    assert.match(location, /^http:\/\/127\.0\.0\.1:4199\/checkout\//)
    const started = await PaymentPosition.query().whereIn(
      'id',
      positions.map((p) => p.id)
    )
    assert.deepEqual(
      started.map((p) => p.status),
      ['PAYMENT_STARTED', 'PAYMENT_STARTED', 'PAYMENT_STARTED']
    )
    assert.isTrue(started.every((p) => p.links.checkoutId === checkoutIdOf(location)))

    remote.completeCheckout(checkoutIdOf(location), 'paid')
    const outcome = await client
      .get(`${area}/esito`)
      .withSession(pay.session())
      .withGuard('citizen')
      .loginAs(citizen)
    assert.include(outcome.text(), 'Pagamento completato')
    assert.deepEqual(outcome.session().payments_cart, [])
    assert.notInclude(outcome.text(), 'http-equiv="refresh"')
    const paid = await PaymentPosition.query().whereIn(
      'id',
      positions.map((p) => p.id)
    )
    assert.isTrue(paid.every((p) => p.status === 'COMPLETE' && p.paidAt !== null))

    const list = await client.get(`${area}?vista=pagati`).withGuard('citizen').loginAs(citizen)
    assert.include(list.text(), 'Pagati (3)')
    assert.include(list.text(), 'Scarica ricevuta pagamento')
    assert.notInclude(list.text(), 'Totali:')

    const receipt = await client
      .get(`${area}/${positions[0].uuid}/ricevuta`)
      .withGuard('citizen')
      .loginAs(citizen)
    receipt.assertStatus(200)
    assert.equal(receipt.header('content-type'), 'application/pdf')
    assert.match(
      receipt.header('content-disposition')!,
      /^attachment; filename="ricevuta-\d+\.pdf"$/
    )
  })

  test('at most five in the cart; the sixth refused with a message', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, restore, area } = await citizenWithPayments()
    cleanup(restore)
    const positions = await createdPositions(
      ente,
      citizen,
      [1, 2, 3, 4, 5, 6].map((n) => ({ causale: `Avviso ${n}`, amountCents: 100 * n }))
    )
    const cart = await fillCart(client, area, citizen, positions.slice(0, 5))
    const sixth = await client
      .post(`${area}/carrello`)
      .form({ avviso: positions[5].uuid })
      .withSession(cart)
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)
    assert.equal(
      sixth.flashMessages().error,
      'Il carrello contiene già 5 avvisi: pagali prima di aggiungerne altri.'
    )
    const page = await client.get(area).withSession(cart).withGuard('citizen').loginAs(citizen)
    assert.equal(page.text().split('Nel carrello').length - 1, 5)
    assert.include(page.text(), 'Totali: 15,00')
  })

  test('a cancelled checkout leaves the notices payable', async ({ client, assert, cleanup }) => {
    const { ente, citizen, remote, restore, area } = await citizenWithPayments()
    cleanup(restore)
    const [position] = await createdPositions(ente, citizen, [
      { causale: 'Avviso', amountCents: 500 },
    ])
    const pay = await client
      .post(`${area}/paga`)
      .form({ avviso: position.uuid })
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)
    remote.completeCheckout(checkoutIdOf(pay.header('location')!), 'cancelled')
    const outcome = await client
      .get(`${area}/esito?annullato=1`)
      .withSession(pay.session())
      .withGuard('citizen')
      .loginAs(citizen)
    assert.include(outcome.text(), 'Pagamento annullato')
    const page = await client.get(area).withGuard('citizen').loginAs(citizen)
    assert.include(page.text(), 'Paga online')
  })

  test('another citizen’s notice, avviso or receipt: 404; nothing added to the cart', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, restore, area } = await citizenWithPayments()
    cleanup(restore)
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const [theirs] = await createdPositions(ente, other, [{ causale: 'Non tua', amountCents: 700 }])
    for (const download of ['avviso', 'ricevuta']) {
      const answer = await client
        .get(`${area}/${theirs.uuid}/${download}`)
        .withGuard('citizen')
        .loginAs(citizen)
      answer.assertStatus(404)
    }
    const added = await client
      .post(`${area}/carrello`)
      .form({ avviso: theirs.uuid })
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)
    assert.equal(added.flashMessages().error, 'Questo avviso non si può pagare online.')
    assert.deepEqual(added.session().payments_cart, undefined)
    const page = await client.get(area).withGuard('citizen').loginAs(citizen)
    assert.notInclude(page.text(), 'Non tua')
  })
})
