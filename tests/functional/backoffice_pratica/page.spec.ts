import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { ensureModuloCompilato } from '#services/pratiche/documents'
import {
  officeMessage,
  pdf,
  praticaIn,
  storedUpload,
} from '#tests/functional/personal_area/helpers'
import { pageText } from '#tests/functional/identity/helpers'
import {
  headerActions,
  officeFixture,
  operatorOf,
  praticaUrl,
  sentPratica,
  tabLabels,
  visibleText,
} from './helpers.js'

test.group('Backoffice pratica page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the service, the state, the applicant, the Modulo and the side panels', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 3000)

    const response = await client.get(praticaUrl(fixture.ente, pratica)).loginAs(fixture.mario)

    response.assertStatus(200)
    const text = visibleText(response)
    assert.include(text, 'Richiedere permesso di accesso ad area ZTL [Protocollata]')
    assert.include(text, 'Lorenzo Bertoli')
    assert.include(text, fixture.citizen.fiscalCode)
    // the Modulo tab: the submitted data, read-only
    assert.include(text, 'Targa del veicolo')
    assert.include(text, 'AB123CD')
    assert.notInclude(pageText(response), 'name="targa"')
    assert.deepEqual(tabLabels(response), ['Modulo', 'Allegati 1', 'Messaggi 0'])
    for (const panel of [
      'Assegna ad un operatore',
      'Cambio priorità',
      'Cambio stato',
      'Dati generali',
      "Ultime pratiche inviate dall'utente",
      'Iter della pratica',
    ]) {
      assert.include(text, panel)
    }
    assert.include(text, `Numero richiesta: ${pratica.uuid}`)
    assert.include(text, 'Bozza il')
    assert.include(text, 'Protocollata il')
    assert.deepEqual(headerActions(response), ['Prendi in carico'])
  })

  test('Cambio stato offers only the manual changes the state machine allows', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const acquired = await sentPratica(fixture, 2000)
    const closed = await sentPratica(fixture, 7000)

    const fromAcquired = await client.get(praticaUrl(fixture.ente, acquired)).loginAs(fixture.mario)
    assert.deepEqual(statusOptions(fromAcquired), ['3000=Protocollata', '4000=In carico'])
    const fromClosed = await client.get(praticaUrl(fixture.ente, closed)).loginAs(fixture.mario)
    assert.deepEqual(statusOptions(fromClosed), ['4000=In carico'])
  })

  test('Allegati lists the File di richiesta and the files of form and messages, downloadable', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const modulo = await ensureModuloCompilato(pratica.id)
    const formFile = await storedUpload(fixture.ente, `pratica:${pratica.id}`, 'isee.pdf', pdf())
    const note = await officeMessage(pratica, 'Da verificare', 'internal')
    const noteFile = await storedUpload(fixture.ente, note.uploadOwner, 'verbale.pdf', pdf(3000))

    const page = await client.get(praticaUrl(fixture.ente, pratica)).loginAs(fixture.mario)
    const text = visibleText(page)
    assert.include(text, 'File di richiesta')
    assert.include(text, modulo.fileName)
    assert.include(text, 'isee.pdf')
    assert.include(text, 'verbale.pdf')
    assert.include(tabLabels(page), 'Allegati 3')

    const base = praticaUrl(fixture.ente, pratica)
    const document = await client.get(`${base}/documenti/${modulo.id}`).loginAs(fixture.mario)
    document.assertStatus(200)
    document.assertHeader('content-type', 'application/pdf')
    assert.include(document.header('content-disposition'), modulo.fileName)
    const file = await client.get(`${base}/allegati/${formFile.id}`).loginAs(fixture.mario)
    file.assertStatus(200)
    const fromNote = await client.get(`${base}/allegati/${noteFile.id}`).loginAs(fixture.mario)
    fromNote.assertStatus(200)
  })

  test('a File di richiesta not made yet is made on its first download', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const base = praticaUrl(fixture.ente, pratica)

    const page = await client.get(base).loginAs(fixture.mario)
    assert.include(pageText(page), `href="${base}/documenti/modulo-compilato"`)
    const download = await client.get(`${base}/documenti/modulo-compilato`).loginAs(fixture.mario)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    assert.include(download.header('content-disposition'), `modulo-compilato-${pratica.uuid}.pdf`)
    const again = await client.get(base).loginAs(fixture.mario)
    assert.match(pageText(again), new RegExp(`href="${base}/documenti/\\d+"`))
  })

  test('Pagamento and Protocollo show only for services that have them', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    fixture.service.protocolRequired = true
    fixture.service.paymentSettings = {
      atRequest: [{ causale: 'Diritti di segreteria', amountCents: 1600 }],
      deferred: [],
    } as any
    await fixture.service.save()
    const pratica = await sentPratica(fixture, 2000)

    const response = await client.get(praticaUrl(fixture.ente, pratica)).loginAs(fixture.mario)
    assert.deepEqual(tabLabels(response), [
      'Modulo',
      'Allegati 1',
      'Messaggi 0',
      'Pagamento',
      'Protocollo',
    ])
    assert.include(visibleText(response), 'In attesa di protocollazione')
  })
})

test.group("Backoffice pratica page: Ultime pratiche inviate dall'utente", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the applicant's other sent pratiche, linked only where the operator is enabled", async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const earlier = await sentPratica(fixture, 7000)
    const elsewhere = await ServiceFactory.merge({
      enteId: fixture.ente.id,
      name: 'Richiesta di accesso agli atti',
    }).create()
    await praticaIn(fixture.ente, elsewhere, fixture.citizen, 2000)
    await sentPratica(fixture, 1000)

    const response = await client.get(praticaUrl(fixture.ente, pratica)).loginAs(fixture.mario)

    const panel = pageText(response).match(/id="panel-ultime-pratiche"[\s\S]*?<\/ul>/)![0]
    assert.include(panel, `href="${praticaUrl(fixture.ente, earlier)}"`)
    assert.include(panel, 'Accettata')
    assert.include(panel, 'Richiesta di accesso agli atti')
    assert.notInclude(panel, `href="${praticaUrl(fixture.ente, pratica)}"`)
    assert.lengthOf([...panel.matchAll(/<li/g)], 2)
  })
})

test.group('Backoffice pratica page: who may open it', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('404 for an operator not enabled for the service, of another ente, and for a draft', async ({
    client,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const draft = await sentPratica(fixture, 1000)
    const modulo = await ensureModuloCompilato(pratica.id)
    const notEnabled = await operatorOf(fixture.ente, null, 'Anna', 'Neri')
    const otherEnte = await EnteFactory.create()
    await ServiceFactory.merge({ enteId: otherEnte.id }).create()
    const stranger = await operatorOf(otherEnte, null, 'Paolo', 'Bianchi')
    const base = praticaUrl(fixture.ente, pratica)

    const refused = [
      ...[base, `${base}/documenti/${modulo.id}`].flatMap((url) => [
        client.get(url).loginAs(notEnabled),
        client.get(url).loginAs(stranger),
      ]),
      client.get(praticaUrl(fixture.ente, draft)).loginAs(fixture.mario),
      client.get(`/${fixture.ente.slug}/backoffice/pratiche/not-a-number`).loginAs(fixture.mario),
    ]
    for (const request of refused) {
      const response = await request
      response.assertStatus(404)
    }
  })

  test("a file of another pratica is 404 through this pratica's address", async ({ client }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const other = await sentPratica(fixture, 2000)
    const otherFile = await storedUpload(fixture.ente, `pratica:${other.id}`, 'a.pdf', pdf())

    const response = await client
      .get(`${praticaUrl(fixture.ente, pratica)}/allegati/${otherFile.id}`)
      .loginAs(fixture.mario)
    response.assertStatus(404)
  })
})

function statusOptions(response: Parameters<typeof tabLabels>[0]) {
  const html = pageText(response)
  const select = html.match(/<select id="status-target"[^>]*>([\s\S]*?)<\/select>/)
  if (!select) return []
  return [...select[1].matchAll(/<option value="(\d+)">([^<]*)<\/option>/g)].map(
    (match) => `${match[1]}=${match[2]}`
  )
}
