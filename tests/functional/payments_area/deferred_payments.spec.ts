import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import Stamp from '#models/stamp'
import { enterStamp } from '#services/payments/stamps'
import testUtils from '@adonisjs/core/services/test_utils'
import PaymentPosition from '#models/payment_position'
import { createAtIntermediary } from '#services/payments/create_at_intermediary'
import { officeFixture, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'
import type { ApiClient } from '@japa/api-client'
import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import { checkoutIdOf, fakePayments } from './helpers.js'

const OCCUPAZIONE = {
  causale: 'Occupazione temporanea di suolo pubblico',
  amountCents: 1000,
  bilancio: [{ id: 'c_1', codCapitolo: 'Cap1', importoCents: 1000 }],
  taxonomyCode: '9/0101100IM/',
  datiSpecificiRiscossione: '9/0301123AP/',
}

/** A pratica In carico of Mario, of a service with one deferred payment, the ente on the fake intermediary. */
async function praticaInCharge() {
  const fixture = await officeFixture()
  const payments = await fakePayments(fixture.ente)
  fixture.service.paymentSettings = { atRequest: [], deferred: [OCCUPAZIONE] }
  await fixture.service.save()
  const pratica = await praticaIn(fixture.ente, fixture.service, fixture.citizen, 4000)
  pratica.operatorId = fixture.mario.id
  await pratica.save()
  return {
    ...fixture,
    ...payments,
    pratica,
    url: `${praticaUrl(fixture.ente, pratica)}/pagamento-posticipato`,
  }
}

const SENT = {
  'deferred[0][causale]': 'Occupazione temporanea di suolo pubblico',
  'deferred[0][importo]': '12,00',
  'deferred[0][datiSpecificiRiscossione]': '9/0301123AP/',
  'deferred[0][taxonomyCode]': '9/0101100IM/',
  'deferred[0][bilancio][0][id]': 'c_1',
  'deferred[0][bilancio][0][codCapitolo]': 'Cap1',
  'deferred[0][bilancio][0][importo]': '12,00',
  'messaggio': 'Per completare la pratica paga la tassa di occupazione.',
}

/** The citizen pays a position from "Pagamenti" at the fake intermediary's checkout and comes back. */
async function payFromPagamenti(
  client: ApiClient,
  {
    ente,
    citizen,
    position,
    remote,
  }: {
    ente: Ente
    citizen: Citizen
    position: PaymentPosition
    remote: { completeCheckout(id: string, outcome: 'paid'): unknown }
  }
) {
  const area = `/${ente.slug}/area-personale/pagamenti`
  const pay = await client
    .post(`${area}/paga`)
    .form({ avviso: position.uuid })
    .withCsrfToken()
    .withGuard('citizen')
    .loginAs(citizen)
    .redirects(0)
  pay.assertStatus(302)
  remote.completeCheckout(checkoutIdOf(pay.header('location')!), 'paid')
  await client.get(`${area}/esito`).withSession(pay.session()).withGuard('citizen').loginAs(citizen)
}

test.group('Pagamento posticipato', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the service deferred payments for the pratica, editable, and adds one', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, url, restore } = await praticaInCharge()
    cleanup(restore)
    const page = await client.get(url).loginAs(mario)
    page.assertStatus(200)
    assert.include(page.text(), 'Pagamenti posticipati 1')
    assert.include(page.text(), 'value="Occupazione temporanea di suolo pubblico"')
    assert.include(page.text(), 'value="10,00"')
    const added = await client
      .post(url)
      .form({ ...SENT, azione: 'aggiungi:deferred' })
      .withCsrfToken()
      .loginAs(mario)
    assert.include(added.text(), 'Pagamenti posticipati 2')
    assert.include(added.text(), 'value="12,00"')
  })

  test('Invia: 4000 → 1500, the position asked; paid by the citizen, the pratica is Accettata', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, mario, pratica, url, restore, remote } = await praticaInCharge()
    cleanup(restore)
    const sent = await client.post(url).form(SENT).withCsrfToken().loginAs(mario).redirects(0)
    sent.assertStatus(302)
    await pratica.refresh()
    assert.equal(pratica.status, 1500)
    const [position] = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.equal(position.phase, 'deferred')
    assert.equal(position.amountCents, 1200)
    assert.deepEqual(position.bilancio, [{ id: 'c_1', codCapitolo: 'Cap1', importoCents: 1200 }])

    await createAtIntermediary(position.id, { lastAttempt: true })
    await payFromPagamenti(client, { ente, citizen, position, remote })
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
  })

  test('with bolli at release still to enter, the paid payment waits for them; the last marca approves', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { ente, citizen, mario, pratica, service, url, restore, remote } = await praticaInCharge()
    cleanup(restore)
    await client.post(url).form(SENT).withCsrfToken().loginAs(mario).redirects(0)
    const stamp = await Stamp.create({
      uuid: randomUUID(),
      enteId: ente.id,
      praticaId: pratica.id,
      phase: 'at_release',
      itemIndex: 0,
      causale: 'Imposta di bollo - rilascio',
      amountCents: 1600,
    })
    const [position] = await PaymentPosition.query().where('pratica_id', pratica.id)
    await createAtIntermediary(position.id, { lastAttempt: true })
    await payFromPagamenti(client, { ente, citizen, position, remote })
    await position.refresh()
    await pratica.refresh()
    assert.equal(position.status, 'COMPLETE')
    assert.notEqual(pratica.status, 7000)

    await enterStamp(pratica, service, stamp.uuid, {
      number: '44445555666677',
      issuedAt: '2026-11-20T10:15',
    })
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
  })

  test('an amount of 0 exempts the citizen: approved at once, nothing to pay', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, pratica, url, restore } = await praticaInCharge()
    cleanup(restore)
    await client
      .post(url)
      .form({
        ...SENT,
        'deferred[0][importo]': '0',
        'deferred[0][bilancio][0][importo]': '',
        'deferred[0][bilancio][0][id]': '',
        'deferred[0][bilancio][0][codCapitolo]': '',
        'azione': '',
      })
      .withCsrfToken()
      .loginAs(mario)
    await pratica.refresh()
    assert.equal(pratica.status, 4000)

    await client
      .post(url)
      .form({
        'deferred[0][causale]': 'Occupazione',
        'deferred[0][importo]': '0',
        'deferred[0][datiSpecificiRiscossione]': '9/0301123AP/',
        'deferred[0][taxonomyCode]': '9/0101100IM/',
      })
      .withCsrfToken()
      .loginAs(mario)
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    const positions = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.lengthOf(positions, 0)
  })

  test('a wrong bilancio comes back with its message; the pratica stays In carico', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, pratica, url, restore } = await praticaInCharge()
    cleanup(restore)
    const answer = await client
      .post(url)
      .form({ ...SENT, 'deferred[0][bilancio][0][importo]': '10,00' })
      .withCsrfToken()
      .loginAs(mario)
    answer.assertStatus(422)
    assert.include(answer.text(), 'La somma degli importi delle voci (10,00 €)')
    assert.include(answer.text(), 'Per completare la pratica paga la tassa di occupazione.')
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
  })

  test('only the operator in charge: another is sent back with the reason', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { giulia, pratica, url, restore } = await praticaInCharge()
    cleanup(restore)
    const answer = await client.post(url).form(SENT).withCsrfToken().loginAs(giulia).redirects(0)
    answer.assertStatus(302)
    assert.match(String(answer.flashMessages().error), /in carico a Mario Rossi/)
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
  })

  test('Invia twice at once: one request of payment, one position, the other told why', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { mario, pratica, url, restore } = await praticaInCharge()
    cleanup(restore)
    const send = () => client.post(url).form(SENT).withCsrfToken().loginAs(mario).redirects(0)
    const answers = await Promise.all([send(), send()])
    const flashes = answers.map((answer) => answer.flashMessages())
    assert.lengthOf(
      flashes.filter((flash) => flash.success),
      1
    )
    assert.lengthOf(
      flashes.filter((flash) => flash.error),
      1
    )
    await pratica.refresh()
    assert.equal(pratica.status, 1500)
    const positions = await PaymentPosition.query().where('pratica_id', pratica.id)
    assert.lengthOf(positions, 1)
  })
})
