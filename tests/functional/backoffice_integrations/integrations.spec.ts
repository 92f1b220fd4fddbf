import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import PraticaMessage from '#models/pratica_message'
import PraticaDocument from '#models/pratica_document'
import IntegrationRequest from '#models/integration_request'
import Upload from '#models/upload'
import { pageText } from '#tests/functional/identity/helpers'
import { pdf } from '#tests/functional/personal_area/helpers'
import EntePlugin from '#models/ente_plugin'
import { SimulatorServer } from '#extension_points/simulator_server'
import { simulatorRoutes } from '#plugins/protocol_test_register/simulator/routes'
import { workTheQueue } from '#tests/functional/pratiche/helpers'
import { registerIntegrationAnswer } from '#services/backoffice/integrations/protocol_answer'
import { emailsTo, integrationFixture, iterOf, outsiders, pdfText } from './helpers.js'

// a real 1×1 PNG: the PDF of the answer prints pictures
const PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64'
)

/** The test register on a port of its own. */
const register = new SimulatorServer(simulatorRoutes)

type Fixture = Awaited<ReturnType<typeof integrationFixture>>

const lastTwo = (iter: string[]) => iter.slice(-2)
/** The iter entries to a state ("4100") or by a state and actor ("4000:operator"), as a list. */
const entriesOf = (iter: string[], prefix: string) =>
  iter.filter((entry) => entry.startsWith(prefix))

function sendRequest(client: any, f: Fixture, text = 'Il file ISEE allegato era illeggibile.') {
  return client
    .post(`${f.base}/richiedi-integrazioni`)
    .loginAs(f.operator)
    .withCsrfToken()
    .redirects(0)
    .field('messaggio', text)
    .file('allegati', pdf(), { filename: 'istruzioni.pdf' })
}

async function sentRequest(client: any, f: Fixture) {
  const response = await sendRequest(client, f)
  response.assertStatus(302)
}

async function citizenAnswers(client: any, f: Fixture, text: string) {
  const response = await client
    .post(`${f.area}/pratiche/${f.pratica.uuid}/messaggi`)
    .withGuard('citizen')
    .loginAs(f.citizen)
    .withCsrfToken()
    .redirects(0)
    .field('messaggio', text)
    .file('allegati', pdf(), { filename: 'isee-corretto.pdf' })
    .file('allegati', PICTURE, { filename: 'documento.png' })
  response.assertStatus(302)
  return PraticaMessage.query()
    .where('pratica_id', f.pratica.id)
    .orderBy('id', 'desc')
    .firstOrFail()
}

test.group('Backoffice: Richiedi integrazioni', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test("the page: the manual's text to start from, the address the citizen is written to", async ({
    client,
  }) => {
    const f = await integrationFixture()
    const page = await client.get(`${f.base}/richiedi-integrazioni`).loginAs(f.operator)
    page.assertStatus(200)
    page.assertTextIncludes("Verrà inviato un messaggio all'indirizzo dell'utente")
    page.assertTextIncludes('bertoli96@example.it')
    page.assertTextIncludes('Gentile Lorenzo Bertoli')
    page.assertTextIncludes('Invia richiesta integrazione')
  })

  test('the pratica page offers "Richiedi integrazioni" to the operator in charge, then "Accetta integrazioni"', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    const before = await client.get(f.base).loginAs(f.operator)
    before.assertStatus(200)
    before.assertTextIncludes(`${f.base}/richiedi-integrazioni`)
    assert.notInclude(before.text(), 'Accetta integrazioni')

    await sentRequest(client, f)
    const after = await client.get(f.base).loginAs(f.operator)
    after.assertTextIncludes('Accetta integrazioni')
    after.assertTextIncludes('Annulla richiesta integrazioni')
    assert.notInclude(after.text(), `${f.base}/richiedi-integrazioni`)
  })

  test('"Invia richiesta integrazione": 4100 then 4200, the message with its file, the e-mail, the audit', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    const response = await sendRequest(client, f)

    response.assertStatus(302)
    response.assertHeader('location', f.base)
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4200)
    assert.equal(f.pratica.statusLabel, 'In attesa di integrazioni')
    assert.deepEqual(lastTwo(await iterOf(f.pratica)), ['4100:operator', '4200:system'])
    const request = await IntegrationRequest.query().where('pratica_id', f.pratica.id).firstOrFail()
    assert.equal(request.status, 'open')
    const message = await PraticaMessage.findOrFail(request.requestMessageId)
    assert.equal(message.body, 'Il file ISEE allegato era illeggibile.')
    assert.equal(message.authorType, 'operator')
    const files = await Upload.query().where('owner', message.uploadOwner)
    assert.deepEqual(
      files.map((file) => file.clientName),
      ['istruzioni.pdf']
    )
    const [email] = await emailsTo('bertoli96@example.it')
    assert.include(email.subject, 'Richiesta di integrazioni')
    assert.include(email.body.text, 'Il file ISEE allegato era illeggibile.')
    assert.include(email.body.text, `/area-personale/pratiche/${f.pratica.uuid}`)
    const audit = await db.from('audit_logs').where('action', 'pratica_integration_requested')
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, f.operator.id)
  })

  test('an empty motivation comes back with the reason next to the field and the file kept', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    const response = await sendRequest(client, f, '   ')
    response.assertStatus(422)
    response.assertTextIncludes('Scrivi il testo del messaggio.')
    response.assertTextIncludes('istruzioni.pdf')
    assert.match(pageText(response), /id="integration-body-error"/)
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4000)
  })

  test('refused when the service does not allow it or the pratica is not in charge of the operator', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    f.service.allowIntegrationRequests = false
    await f.service.save()
    const refused = await sendRequest(client, f, 'Manca la carta di circolazione.')
    refused.assertStatus(422)
    refused.assertTextIncludes('Il servizio non prevede richieste di integrazioni.')
    refused.assertTextIncludes('Manca la carta di circolazione.')

    f.service.allowIntegrationRequests = true
    await f.service.save()
    f.pratica.operatorId = null
    await f.pratica.save()
    const notInCharge = await sendRequest(client, f)
    notInCharge.assertStatus(422)
    notInCharge.assertTextIncludes('La pratica deve essere in carico a te')
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4000)
    assert.lengthOf(await IntegrationRequest.query().where('pratica_id', f.pratica.id), 0)
  })

  test('a double submit: one request, one 4100 in the iter, a clear message the second time', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    const [first, second] = await Promise.all([sendRequest(client, f), sendRequest(client, f)])
    const statuses = [first.status(), second.status()].sort()
    assert.deepEqual(statuses, [302, 422])
    const loser = first.status() === 422 ? first : second
    // seen before or after the first committed: either way the reason is said
    assert.match(
      loser.text(),
      /nel frattempo è passata allo stato|si possono richiedere solo a una pratica in carico/
    )
    loser.assertTextIncludes('Il file ISEE allegato era illeggibile.')
    assert.lengthOf(await IntegrationRequest.query().where('pratica_id', f.pratica.id), 1)
    assert.lengthOf(entriesOf(await iterOf(f.pratica), '4100'), 1)
    assert.lengthOf(await emailsTo('bertoli96@example.it'), 1)
  })
})

test.group('Backoffice: Accetta integrazioni, Annulla richiesta integrazioni', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('the citizen reads the request over "Rispondi alla richiesta integrazione", until it is accepted', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    await sentRequest(client, f)
    const pageUrl = `${f.area}/pratiche/${f.pratica.uuid}`
    const waiting = await client.get(pageUrl).withGuard('citizen').loginAs(f.citizen)
    waiting.assertStatus(200)
    waiting.assertTextIncludes('[In attesa di integrazioni]')
    waiting.assertTextIncludes('È stata richiesta un&#x27;integrazione')
    waiting.assertTextIncludes('Il file ISEE allegato era illeggibile.')
    waiting.assertTextIncludes(`href="${pageUrl}?rispondi=1#messaggi"`)

    const answer = await citizenAnswers(client, f, 'Ecco il file.')
    await client
      .post(`${f.base}/integrazioni/accetta`)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ messaggi: [String(answer.id)] })
    const done = await client.get(pageUrl).withGuard('citizen').loginAs(f.citizen)
    done.assertTextIncludes('[Presa in carico in seguito a integrazioni]')
    assert.notInclude(done.text(), 'Rispondi alla richiesta integrazione')
  })

  test('the selected answers and their files go in the PDF of the answer; the pratica is 4500', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    await sentRequest(client, f)
    const chosen = await citizenAnswers(
      client,
      f,
      'Allego il file corretto, chiedo scusa per il disagio.'
    )
    const other = await citizenAnswers(client, f, 'Un messaggio che non serve.')

    const list = await client.get(`${f.base}/integrazioni`).loginAs(f.operator)
    list.assertStatus(200)
    list.assertTextIncludes('Come accettare le integrazioni')
    list.assertTextIncludes('Allego il file corretto')
    list.assertTextIncludes('isee-corretto.pdf')

    const accepted = await client
      .post(`${f.base}/integrazioni/accetta`)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ messaggi: [String(chosen.id)] })
    accepted.assertStatus(302)

    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4500)
    assert.deepEqual(lastTwo(await iterOf(f.pratica)), ['4300:operator', '4500:system'])
    const document = await PraticaDocument.query()
      .where('pratica_id', f.pratica.id)
      .where('kind', 'integrazioni')
      .firstOrFail()
    const text = await pdfText(Buffer.from(await drive.use().getBytes(document.diskKey)))
    assert.include(text, 'Risposta alla richiesta di integrazioni')
    assert.include(text, 'Il file ISEE allegato era illeggibile.')
    assert.include(text, 'Allego il file corretto, chiedo scusa per il disagio.')
    assert.include(text, 'isee-corretto.pdf')
    assert.include(text, 'documento.png')
    assert.notInclude(text, 'Un messaggio che non serve.')
    const request = await IntegrationRequest.query().where('pratica_id', f.pratica.id).firstOrFail()
    assert.equal(request.status, 'accepted')
    assert.equal(request.answerDocumentId, document.id)
    assert.notEqual(other.id, chosen.id)

    const pratica = await client.get(f.base).loginAs(f.operator)
    pratica.assertTextIncludes(`${f.base}/documenti/${document.id}`)
    pratica.assertTextIncludes('Risposta alle integrazioni')
    const download = await client.get(`${f.base}/documenti/${document.id}`).loginAs(f.operator)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
  })

  test('nothing selected: the reason, no change; accepting twice: one document, a clear message', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    await sentRequest(client, f)
    const answer = await citizenAnswers(client, f, 'Ecco il documento.')

    const none = await client
      .post(`${f.base}/integrazioni/accetta`)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
    none.assertStatus(422)
    none.assertTextIncludes('Seleziona almeno un messaggio da includere nelle integrazioni.')

    const accept = () =>
      client
        .post(`${f.base}/integrazioni/accetta`)
        .loginAs(f.operator)
        .withCsrfToken()
        .redirects(0)
        .form({ messaggi: [String(answer.id)] })
    const [first, second] = await Promise.all([accept(), accept()])
    assert.deepEqual([first.status(), second.status()].sort(), [302, 422])
    const loser = first.status() === 422 ? first : second
    assert.match(
      loser.text(),
      /nel frattempo è passata allo stato|Non ci sono integrazioni in attesa/
    )
    assert.lengthOf(
      await PraticaDocument.query().where('pratica_id', f.pratica.id).where('kind', 'integrazioni'),
      1
    )
    assert.lengthOf(entriesOf(await iterOf(f.pratica), '4300'), 1)
  })

  test('"Annulla richiesta integrazioni": back In carico, the citizen told; not possible twice', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    await sentRequest(client, f)
    const cancel = () =>
      client.post(`${f.base}/integrazioni/annulla`).loginAs(f.operator).withCsrfToken().redirects(0)
    const cancelled = await cancel()
    cancelled.assertStatus(302)
    cancelled.assertFlashMessage(
      'success',
      'Richiesta di integrazioni annullata: la pratica è di nuovo in carico.'
    )
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4000)
    const request = await IntegrationRequest.query().where('pratica_id', f.pratica.id).firstOrFail()
    assert.equal(request.status, 'cancelled')
    const last = await PraticaMessage.query()
      .where('pratica_id', f.pratica.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.include(last.body, 'La richiesta di integrazioni è stata annullata')

    const again = await cancel()
    again.assertStatus(302)
    again.assertFlashMessage(
      'error',
      'Non ci sono richieste di integrazioni da annullare per questa pratica.'
    )
    assert.lengthOf(entriesOf(await iterOf(f.pratica), '4000:operator'), 1)
  })
})

test.group('Backoffice integrations: protocol of the answer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.each.setup(() => register.start())
  group.teardown(() => register.stop())

  test('with protocol required the answer waits at 4300, is protocolled, then 4400 → 4500', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture({ protocolRequired: true })
    await EntePlugin.create({
      enteId: f.ente.id,
      pluginId: 'protocol_test_register',
      inContract: true,
      enabled: true,
      config: { aoo: `c_${f.ente.slug}`, baseUrl: register.url },
    })
    await sentRequest(client, f)
    const answer = await citizenAnswers(client, f, 'Ecco il documento.')
    const accepted = await client
      .post(`${f.base}/integrazioni/accetta`)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ messaggi: [String(answer.id)] })
    accepted.assertStatus(302)
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4300)
    assert.equal(f.pratica.statusLabel, 'Integrazioni in attesa di protocollazione')

    await workTheQueue()
    await f.pratica.refresh()
    assert.equal(f.pratica.status, 4500)
    assert.deepEqual(entriesOf(await iterOf(f.pratica), '4').slice(-3), [
      '4300:operator',
      '4400:system',
      '4500:system',
    ])
    const document = await PraticaDocument.query()
      .where('pratica_id', f.pratica.id)
      .where('kind', 'integrazioni')
      .firstOrFail()
    assert.match(document.protocol!.number, /^\d{7}$/)
    // the job again changes nothing
    await registerIntegrationAnswer(f.pratica.id)
    assert.lengthOf(entriesOf(await iterOf(f.pratica), '4400'), 1)
  })
})

test.group('Backoffice integrations: who may', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an operator not enabled for the service, or of another ente, gets 404 on every route and nothing changes', async ({
    client,
    assert,
  }) => {
    const f = await integrationFixture()
    for (const user of await outsiders(f.ente)) {
      for (const path of ['/richiedi-integrazioni', '/integrazioni']) {
        const page = await client.get(`${f.base}${path}`).loginAs(user)
        page.assertStatus(404)
        assert.notInclude(page.text(), 'Bertoli')
      }
      for (const path of [
        '/richiedi-integrazioni',
        '/integrazioni/accetta',
        '/integrazioni/annulla',
      ]) {
        const post = await client
          .post(`${f.base}${path}`)
          .loginAs(user)
          .withCsrfToken()
          .redirects(0)
          .form({ messaggio: 'Tentativo' })
        post.assertStatus(404)
      }
    }
    const pratica = await Pratica.findOrFail(f.pratica.id)
    assert.equal(pratica.status, 4000)
    assert.lengthOf(await PraticaMessage.query().where('pratica_id', f.pratica.id), 0)
  })
})
