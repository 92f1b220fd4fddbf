import { test } from '@japa/runner'
import type { ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import Stamp from '#models/stamp'
import { ensureStampsAtRequest, enterStamp } from '#services/payments/stamps'
import { praticaHasPayment } from '#services/pratiche/withdraw_pratica'
import { requestAtRequestPositions } from '#services/payments/at_request'
import PraticaStatusChange from '#models/pratica_status_change'
import { CitizenFactory } from '#factories/citizen_factory'
import { officeFixture, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'

const ISSUED = '2026-11-20T10:15'

/** The errors of a marca sent back to the Bolli tab. */
function bolloErrors(response: ApiResponse) {
  return (response.flashMessages().bollo as { errors: Record<string, string> }).errors
}

async function releaseFixture() {
  const fixture = await officeFixture()
  fixture.service.stampSettings = { atRequest: [], atRelease: true }
  await fixture.service.save()
  const pratica = await praticaIn(fixture.ente, fixture.service, fixture.citizen, 4000)
  pratica.operatorId = fixture.mario.id
  await pratica.save()
  return { ...fixture, pratica, office: `${praticaUrl(fixture.ente, pratica)}/marche-da-bollo` }
}

test.group('Bolli', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('at release: the operator asks two bolli, the citizen enters them, the pratica is Accettata', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, mario, pratica, office } = await releaseFixture()
    const page = await client.get(office).loginAs(mario)
    page.assertStatus(200)
    assert.include(page.text(), 'Marca da bollo 1')

    const sent = await client
      .post(office)
      .form({
        'bolli[0][causale]': 'Imposta di bollo - accettazione pratica',
        'bolli[0][importo]': '16,00',
        'bolli[1][causale]': 'Imposta di bollo - copia conforme',
        'bolli[1][importo]': '2,00',
      })
      .withCsrfToken()
      .loginAs(mario)
      .redirects(0)
    sent.assertStatus(302)
    await pratica.refresh()
    assert.equal(pratica.status, 1500)
    const waiting = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .where('to_status', 1500)
      .firstOrFail()
    assert.equal(waiting.message, 'In attesa di pagamento bolli')

    const area = `/${ente.slug}/area-personale/pratiche/${pratica.uuid}`
    const tab = await client.get(area).withGuard('citizen').loginAs(citizen)
    assert.include(tab.text(), 'Imposta di bollo - accettazione pratica')
    assert.include(tab.text(), 'Numero della marca da bollo (14 cifre)')
    const stamps = await Stamp.query().where('pratica_id', pratica.id).orderBy('item_index')
    assert.lengthOf(stamps, 2)

    const enter = (uuid: string, numero: string, emissione = ISSUED) =>
      client
        .post(`${area}/bolli/${uuid}`)
        .form({ numero, emissione })
        .withCsrfToken()
        .withGuard('citizen')
        .loginAs(citizen)
        .redirects(0)

    const short = await enter(stamps[0].uuid, '1234')
    assert.deepEqual(short.flashMessages().bollo, {
      uuid: stamps[0].uuid,
      errors: { number: "L'identificativo della marca da bollo è di 14 cifre." },
      numero: '1234',
      emissione: ISSUED,
    })
    const future = await enter(stamps[0].uuid, '01234567890123', '2999-01-01T10:00')
    assert.equal(bolloErrors(future).issuedAt, 'La data di emissione non può essere nel futuro.')

    const first = await enter(stamps[0].uuid, '0123 4567 8901 23')
    assert.equal(first.flashMessages().success, 'Marca da bollo inserita.')
    const reused = await enter(stamps[1].uuid, '01234567890123')
    assert.equal(
      bolloErrors(reused).number,
      'Questa marca da bollo è già stata usata per un’altra pratica: inserisci una marca nuova.'
    )
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    await enter(stamps[1].uuid, '99999999999999')
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    const after = await client.get(area).withGuard('citizen').loginAs(citizen)
    assert.include(after.text(), '01234567890123')
    assert.include(after.text(), '20/11/2026 10:15')
    assert.notInclude(after.text(), 'Numero della marca da bollo (14 cifre)')
    const officeTab = await client.get(praticaUrl(ente, pratica)).loginAs(mario)
    assert.include(officeTab.text(), '99999999999999')
  })

  test('at request: the bolli of the service are entered from the Bolli tab; a number of another pratica of the ente is refused, of another ente accepted', async ({
    client,
    assert,
  }) => {
    const first = await officeFixture()
    first.service.stampSettings = {
      atRequest: [{ causale: 'Imposta di bollo istanza', amountCents: 1600 }],
      atRelease: false,
    }
    await first.service.save()
    const one = await praticaIn(first.ente, first.service, first.citizen, 1900)
    const neighbour = await CitizenFactory.merge({ enteId: first.ente.id }).create()
    const two = await praticaIn(first.ente, first.service, neighbour, 1900)

    const enterFirst = async (
      pratica: typeof one,
      who: typeof neighbour,
      numero: string,
      ente = first.ente
    ) => {
      const area = `/${ente.slug}/area-personale/pratiche/${pratica.uuid}`
      const page = await client.get(area).withGuard('citizen').loginAs(who)
      const uuid = /bolli\/([0-9a-f-]{36})"/.exec(page.text())![1]
      return client
        .post(`${area}/bolli/${uuid}`)
        .form({ numero, emissione: ISSUED })
        .withCsrfToken()
        .withGuard('citizen')
        .loginAs(who)
        .redirects(0)
    }
    const ok = await enterFirst(one, first.citizen, '11112222333344')
    assert.equal(ok.flashMessages().success, 'Marca da bollo inserita.')
    const refused = await enterFirst(two, neighbour, '11112222333344')
    assert.match(String(bolloErrors(refused).number), /già stata usata/)

    const other = await officeFixture()
    other.service.stampSettings = first.service.stampSettings
    await other.service.save()
    const elsewhere = await praticaIn(other.ente, other.service, other.citizen, 1900)
    const accepted = await enterFirst(elsewhere, other.citizen, '11112222333344', other.ente)
    assert.equal(accepted.flashMessages().success, 'Marca da bollo inserita.')
  })

  test('at request: the pratica waits In attesa di pagamento until its marche are entered, the last one sends it', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await officeFixture()
    service.stampSettings = {
      atRequest: [
        { causale: 'Imposta di bollo istanza', amountCents: 1600 },
        { causale: 'Imposta di bollo allegati', amountCents: 200 },
      ],
      atRelease: false,
    }
    await service.save()
    const pratica = await praticaIn(ente, service, citizen, 1500)
    // nothing to pay through pagoPA: the job would send it, but the marche are missing
    await requestAtRequestPositions(pratica.id, 1)
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    const step = await client
      .get(`/${ente.slug}/pratiche/${pratica.uuid}/pagamento`)
      .withGuard('citizen')
      .loginAs(citizen)
    step.assertStatus(200)
    assert.include(step.text(), 'Inserisci le marche da bollo')
    assert.include(step.text(), '0 di 2 inserite')
    assert.notInclude(step.text(), 'Stiamo preparando l&#39;avviso')

    await ensureStampsAtRequest(pratica, service)
    const [first, second] = await Stamp.query()
      .where('pratica_id', pratica.id)
      .orderBy('item_index')
    await enterStamp(pratica, service, first.uuid, { number: '55556666777788', issuedAt: ISSUED })
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    await enterStamp(pratica, service, second.uuid, { number: '55556666777799', issuedAt: ISSUED })
    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    assert.isNotNull(pratica.submittedAt)
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id).orderBy('id')
    assert.deepEqual(
      iter.slice(-2).map((change) => [change.toStatus, change.message]),
      [
        [1520, 'Marche da bollo inserite'],
        [1900, 'Pratica inviata dopo il pagamento'],
      ]
    )
  })

  test('another citizen’s bollo: 404', async ({ client }) => {
    const { ente, pratica, mario, office } = await releaseFixture()
    await client
      .post(office)
      .form({ 'bolli[0][causale]': 'Bollo', 'bolli[0][importo]': '16' })
      .withCsrfToken()
      .loginAs(mario)
    const stamp = await Stamp.query().where('pratica_id', pratica.id).firstOrFail()
    const stranger = await CitizenFactory.merge({ enteId: ente.id }).create()
    const answer = await client
      .post(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}/bolli/${stamp.uuid}`)
      .form({ numero: '12345678901234', emissione: ISSUED })
      .withCsrfToken()
      .withGuard('citizen')
      .loginAs(stranger)
    answer.assertStatus(404)
  })

  test('withdrawal rule 2: a bollo counts as a payment', async ({ assert }) => {
    const { service, pratica } = await releaseFixture()
    assert.isFalse(await praticaHasPayment(pratica))
    service.stampSettings = {
      atRequest: [{ causale: 'Bollo', amountCents: 1600 }],
      atRelease: false,
    }
    await ensureStampsAtRequest(pratica, service)
    assert.isTrue(await praticaHasPayment(pratica))
  })

  test('two citizens typing the same marca at once: one is accepted, the other refused', async ({
    assert,
  }) => {
    const fixture = await officeFixture()
    fixture.service.stampSettings = {
      atRequest: [{ causale: 'Bollo istanza', amountCents: 1600 }],
      atRelease: false,
    }
    await fixture.service.save()
    const neighbour = await CitizenFactory.merge({ enteId: fixture.ente.id }).create()
    const pratiche = [
      await praticaIn(fixture.ente, fixture.service, fixture.citizen, 1900),
      await praticaIn(fixture.ente, fixture.service, neighbour, 1900),
    ]
    const stamps: Stamp[] = []
    for (const pratica of pratiche) {
      await ensureStampsAtRequest(pratica, fixture.service)
      stamps.push(await Stamp.query().where('pratica_id', pratica.id).firstOrFail())
    }
    const results = await Promise.all(
      pratiche.map((pratica, index) =>
        enterStamp(pratica, fixture.service, stamps[index].uuid, {
          number: '55556666777788',
          issuedAt: ISSUED,
        })
      )
    )
    const refused = results.filter((result) => result.errors.number)
    assert.lengthOf(refused, 1)
    assert.match(refused[0].errors.number!, /già stata usata/)
    const entered = await Stamp.query().where('number', '55556666777788')
    assert.lengthOf(entered, 1)
  })
})
