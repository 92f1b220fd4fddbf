import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import GeographicArea from '#models/geographic_area'
import { OfficeFactory } from '#factories/office_factory'
import { UserFactory } from '#factories/user_factory'
import {
  citizenOf,
  fieldError,
  listFixture,
  listUrl,
  listedApplicants,
  listedHeaders,
  praticaOf,
  selectOptions,
  staff,
} from './helpers.js'

const rome = () => DateTime.now().setZone('Europe/Rome')

test.group('Elenco pratiche: filters', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('per servizio, with only the states that service can have', async ({ client, assert }) => {
    const { ente, ztl, atti, citizen } = await listFixture()
    atti.merge({
      paymentSettings: {
        atRequest: [{ causale: 'Diritti', amountCents: 1600, bilancio: [] }],
        deferred: [],
      },
    })
    await atti.save()
    const admin = await staff(ente, 'enteAdmin')
    await praticaOf(ztl, citizen)
    await praticaOf(atti, await citizenOf(ente, 'Giulia', 'Verdi'), { status: 1500 })

    const all = await client.get(listUrl(ente)).loginAs(admin)
    assert.includeMembers(selectOptions(all, 'servizio'), [
      '=Tutti',
      `${atti.id}=Accesso agli atti`,
      `${ztl.id}=Permesso ZTL`,
    ])

    const ztlOnly = await client.get(listUrl(ente)).qs({ servizio: ztl.id }).loginAs(admin)
    assert.deepEqual(listedApplicants(ztlOnly), ['Lorenzo Bertoli'])
    const ztlStates = selectOptions(ztlOnly, 'stato')
    assert.include(ztlStates, '2000=Acquisita')
    assert.include(ztlStates, '4000=In carico')
    assert.include(ztlStates, '50000=Annullata')
    assert.notInclude(ztlStates, '1500=In attesa di pagamento')
    assert.notInclude(ztlStates, '1000=Bozza')
    assert.notInclude(ztlStates, '3000=Protocollata')

    const attiOnly = await client.get(listUrl(ente)).qs({ servizio: atti.id }).loginAs(admin)
    assert.include(selectOptions(attiOnly, 'stato'), '1500=In attesa di pagamento')
    assert.deepEqual(listedApplicants(attiOnly), ['Giulia Verdi'])
    // the service's own column goes once the list is filtered by it
    assert.include(listedHeaders(all), 'Servizio')
    assert.notInclude(listedHeaders(attiOnly), 'Servizio')
  })

  test('per stato; a state the service cannot have is said next to the field, not applied', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen, { status: 4000 })
    await praticaOf(ztl, await citizenOf(ente, 'Giulia', 'Verdi'), { status: 7000, partial: true })

    const inCharge = await client.get(listUrl(ente)).qs({ stato: 4000 }).loginAs(operator)
    assert.deepEqual(listedApplicants(inCharge), ['Lorenzo Bertoli'])

    const accepted = await client.get(listUrl(ente)).qs({ stato: 7000 }).loginAs(operator)
    assert.deepEqual(listedApplicants(accepted), ['Giulia Verdi'])
    accepted.assertTextIncludes('Parzialmente approvata')

    const impossible = await client
      .get(listUrl(ente))
      .qs({ servizio: ztl.id, stato: 1500 })
      .loginAs(operator)
    impossible.assertStatus(200)
    assert.equal(
      fieldError(impossible, 'filter-stato'),
      'Questo servizio non prevede lo stato scelto: scegline uno in elenco.'
    )
    assert.sameMembers(listedApplicants(impossible), ['Lorenzo Bertoli', 'Giulia Verdi'])
    // what else was asked is kept
    assert.include(impossible.text(), `<option value="${ztl.id}" data-filter-item`)

    const nonsense = await client.get(listUrl(ente)).qs({ stato: 'tutti' }).loginAs(operator)
    assert.equal(fieldError(nonsense, 'filter-stato'), "Scegli uno stato dell'elenco.")
  })

  test('per area geografica: the services of the area', async ({ client, assert }) => {
    const { ente, ztl, atti, citizen } = await listFixture()
    const admin = await staff(ente, 'enteAdmin')
    const centro = await GeographicArea.create({ enteId: ente.id, name: 'Centro storico' })
    await GeographicArea.create({ enteId: ente.id, name: 'Frazione Nord' })
    await ztl.related('geographicAreas').attach([centro.id])
    await praticaOf(ztl, citizen)
    await praticaOf(atti, await citizenOf(ente, 'Giulia', 'Verdi'))

    const page = await client.get(listUrl(ente)).qs({ area: centro.id }).loginAs(admin)
    assert.deepEqual(listedApplicants(page), ['Lorenzo Bertoli'])
    assert.includeMembers(selectOptions(page, 'area'), ['=Tutte', `${centro.id}=Centro storico`])

    const foreign = await client.get(listUrl(ente)).qs({ area: 999999 }).loginAs(admin)
    assert.equal(fieldError(foreign, 'filter-area'), "Scegli un'area geografica dell'elenco.")
  })

  test('per lavorazione: my office, in carico a me, da assegnare', async ({ client, assert }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    const demografico = await OfficeFactory.merge({
      enteId: ente.id,
      name: 'Ufficio Demografico',
    }).create()
    const tributi = await OfficeFactory.merge({ enteId: ente.id, name: 'Ufficio Tributi' }).create()
    await operator.related('offices').attach([demografico.id])
    const colleague = await UserFactory.merge({ enteId: ente.id }).create()

    await praticaOf(ztl, citizen, {
      officeId: demografico.id,
      operatorId: colleague.id,
      status: 4000,
    })
    await praticaOf(ztl, await citizenOf(ente, 'Giulia', 'Verdi'), {
      operatorId: operator.id,
      status: 4000,
    })
    await praticaOf(ztl, await citizenOf(ente, 'Anna', 'Neri'), { officeId: tributi.id })
    await praticaOf(ztl, await citizenOf(ente, 'Chiusa', 'Senzaoperatore'), { status: 9000 })

    const page = await client.get(listUrl(ente)).loginAs(operator)
    assert.deepEqual(selectOptions(page, 'lavorazione'), [
      '=Tutte',
      `ufficio-${demografico.id}=Ufficio Demografico`,
      'mie=In carico a me',
      'da-assegnare=Da assegnare',
    ])

    const office = await client
      .get(listUrl(ente))
      .qs({ lavorazione: `ufficio-${demografico.id}` })
      .loginAs(operator)
    assert.deepEqual(listedApplicants(office), ['Lorenzo Bertoli'])

    const mine = await client.get(listUrl(ente)).qs({ lavorazione: 'mie' }).loginAs(operator)
    assert.deepEqual(listedApplicants(mine), ['Giulia Verdi'])

    const unassigned = await client
      .get(listUrl(ente))
      .qs({ lavorazione: 'da-assegnare' })
      .loginAs(operator)
    assert.deepEqual(listedApplicants(unassigned), ['Anna Neri'])

    const notMyOffice = await client
      .get(listUrl(ente))
      .qs({ lavorazione: `ufficio-${tributi.id}` })
      .loginAs(operator)
    assert.equal(
      fieldError(notMyOffice, 'filter-lavorazione'),
      "Scegli una lavorazione dell'elenco."
    )
    assert.lengthOf(listedApplicants(notMyOffice), 4)
  })

  test('ultimo cambio stato: oggi, ieri, il mese scorso, personalizzato', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator } = await listFixture()
    const changedAt = {
      Oggi: rome(),
      Ieri: rome().minus({ days: 1 }),
      Mesescorso: rome().minus({ months: 1 }),
      Annoscorso: rome().minus({ years: 1 }).set({ day: 15, hour: 12 }),
    }
    for (const [name, statusChangedAt] of Object.entries(changedAt)) {
      await praticaOf(ztl, await citizenOf(ente, 'Cambio', name), { statusChangedAt })
    }
    const listed = async (qs: Record<string, string>) =>
      listedApplicants(await client.get(listUrl(ente)).qs(qs).loginAs(operator))

    assert.deepEqual(await listed({ periodo: 'oggi' }), ['Cambio Oggi'])
    assert.deepEqual(await listed({ periodo: 'ieri' }), ['Cambio Ieri'])
    assert.deepEqual(await listed({ periodo: 'mese-scorso' }), ['Cambio Mesescorso'])
    const lastYear = changedAt.Annoscorso.toISODate()!
    assert.deepEqual(await listed({ periodo: 'personalizzato', dal: lastYear, al: lastYear }), [
      'Cambio Annoscorso',
    ])
    // the days alone mean "personalizzato"
    assert.deepEqual(await listed({ al: lastYear }), ['Cambio Annoscorso'])
    const options = selectOptions(await client.get(listUrl(ente)).loginAs(operator), 'periodo')
    assert.deepEqual(options, [
      '=Tutti',
      'oggi=Oggi',
      'ieri=Ieri',
      'questa-settimana=Questa settimana',
      'settimana-scorsa=Settimana scorsa',
      'questo-mese=Questo mese',
      'mese-scorso=Il mese scorso',
      'personalizzato=Personalizzato',
    ])
  })

  test('personalizzato: no days, a wrong day or days the wrong way round are said next to the field', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen)

    const noDays = await client
      .get(listUrl(ente))
      .qs({ periodo: 'personalizzato' })
      .loginAs(operator)
    assert.equal(
      fieldError(noDays, 'filter-dal'),
      'Per un periodo personalizzato indica la data di inizio, di fine o entrambe.'
    )
    const wrongDay = await client
      .get(listUrl(ente))
      .qs({ periodo: 'personalizzato', dal: '2025-02-30', cerca: 'bertoli' })
      .loginAs(operator)
    assert.equal(
      fieldError(wrongDay, 'filter-dal'),
      'Inserisci una data valida, ad esempio 16/01/2025.'
    )
    // the search typed next to it still applies and is shown again
    assert.deepEqual(listedApplicants(wrongDay), ['Lorenzo Bertoli'])
    assert.include(wrongDay.text(), 'value="bertoli"')

    const reversed = await client
      .get(listUrl(ente))
      .qs({ dal: '2025-03-10', al: '2025-03-01' })
      .loginAs(operator)
    assert.equal(
      fieldError(reversed, 'filter-al'),
      'La data di fine non può precedere la data di inizio.'
    )
    assert.include(reversed.text(), 'value="2025-03-10"')
    assert.include(reversed.text(), 'value="2025-03-01"')
  })

  test('per priorità', async ({ client, assert }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen, { priority: 2 })
    await praticaOf(ztl, await citizenOf(ente, 'Giulia', 'Verdi'), { priority: 0 })

    const high = await client.get(listUrl(ente)).qs({ priorita: 2 }).loginAs(operator)
    assert.deepEqual(listedApplicants(high), ['Lorenzo Bertoli'])
    high.assertTextIncludes('>Alta<')
    assert.deepEqual(selectOptions(high, 'priorita'), ['=Tutte', '0=Bassa', '1=Media', '2=Alta'])
  })

  test("Cerca per nome, cognome, codice fiscale (anche l'inizio) o numero della pratica", async ({
    client,
    assert,
  }) => {
    const { ente, ztl, atti, operator, citizen } = await listFixture()
    const first = await praticaOf(ztl, citizen)
    await praticaOf(ztl, await citizenOf(ente, 'Lorenza', 'Verdi'))
    await praticaOf(ztl, await citizenOf(ente, 'Mario', 'Bertolini'))
    await praticaOf(atti, await citizenOf(ente, 'Lorenzo', 'Nascosto'))
    const listed = async (cerca: string) =>
      listedApplicants(await client.get(listUrl(ente)).qs({ cerca }).loginAs(operator))

    assert.sameMembers(await listed('lorenz'), ['Lorenzo Bertoli', 'Lorenza Verdi'])
    assert.sameMembers(await listed('BERTOL'), ['Lorenzo Bertoli', 'Mario Bertolini'])
    assert.deepEqual(await listed('lorenzo bertoli'), ['Lorenzo Bertoli'])
    assert.deepEqual(await listed('bertoli lorenzo'), ['Lorenzo Bertoli'])
    assert.deepEqual(await listed(citizen.fiscalCode), ['Lorenzo Bertoli'])
    assert.deepEqual(await listed(citizen.fiscalCode.slice(0, 9).toLowerCase()), [
      'Lorenzo Bertoli',
    ])
    assert.deepEqual(await listed(first.uuid.toUpperCase()), ['Lorenzo Bertoli'])
    assert.deepEqual(await listed('orenzo'), [])
    assert.deepEqual(
      await listed('%'),
      listedApplicants(await client.get(listUrl(ente)).loginAs(operator))
    )
    // never a pratica of a service the operator does not work
    assert.deepEqual(await listed('nascosto'), [])
  })

  test('filters stay in the address; "Annulla ricerca" clears them; each row opens its pratica', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    const pratica = await praticaOf(ztl, citizen, { priority: 1 })

    const page = await client
      .get(listUrl(ente))
      .qs({ servizio: ztl.id, priorita: 1, cerca: 'bertoli', ordina: 'richiedente', verso: 'asc' })
      .loginAs(operator)
    const html = page.text()
    assert.include(html, `href="${listUrl(ente)}" class="btn btn-outline-secondary"`)
    assert.include(html, 'Annulla ricerca')
    assert.include(html, 'Aggiorna ricerca')
    assert.include(html, `href="/${ente.slug}/backoffice/pratiche/${pratica.uuid}"`)
    // the order rides along with the filters
    assert.include(html, '<input type="hidden" name="ordina" value="richiedente">')
    assert.include(html, '<input type="hidden" name="verso" value="asc">')
    assert.include(
      html,
      `href="/${ente.slug}/backoffice/pratiche/esporta?servizio=${ztl.id}&amp;priorita=1&amp;cerca=bertoli&amp;ordina=richiedente&amp;verso=asc"`
    )
  })
})
