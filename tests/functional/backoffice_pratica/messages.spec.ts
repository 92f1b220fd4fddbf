import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import AuditLog from '#models/audit_log'
import { pdf } from '#tests/functional/personal_area/helpers'
import { pageText } from '#tests/functional/identity/helpers'
import {
  enableEmail,
  officeFixture,
  operatorOf,
  postAction,
  praticaUrl,
  requestedEmails,
  sentPratica,
  visibleText,
} from './helpers.js'

test.group('Messaggi: messages to the citizen and internal notes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Invia messaggio: the citizen reads it in their pratica, with its file, and by e-mail', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    await enableEmail(fixture.ente)
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)

    const response = await client
      .post(`${url}/messaggi`)
      .loginAs(fixture.mario)
      .withCsrfToken()
      .field('messaggio', 'Buongiorno, serve il libretto del veicolo.')
      .field('tipo', 'messaggio')
      .file('allegati', pdf(), { filename: 'modello.pdf' })
      .redirects(0)

    response.assertHeader('location', `${url}#messaggi`)
    response.assertFlashMessage('success', 'Il messaggio è stato inviato.')
    const message = await PraticaMessage.query()
      .where('pratica_id', pratica.id)
      .where('author_type', 'operator')
      .firstOrFail()
    assert.equal(message.visibility, 'applicant')
    assert.lengthOf(await Upload.query().where('owner', message.uploadOwner), 1)
    const emails = await requestedEmails(fixture.ente)
    const email = emails.find((item) => item.body.text.includes('libretto'))
    assert.equal(email.recipient.email, fixture.citizen.email)
    assert.equal(
      email.subject,
      'Nuovo messaggio sulla tua richiesta: Richiedere permesso di accesso ad area ZTL'
    )
    assert.lengthOf(await AuditLog.query().where('action', 'pratica_message_sent'), 1)

    const area = await client
      .get(`${fixture.area}/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(fixture.citizen)
    assert.include(visibleText(area), 'Buongiorno, serve il libretto del veicolo.')
    assert.include(visibleText(area), 'modello.pdf')
  })

  test('Aggiungi nota interna: operators only, never in the personal area, never e-mailed', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    await enableEmail(fixture.ente)
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)
    const before = await requestedEmails(fixture.ente)

    const response = await client
      .post(`${url}/messaggi`)
      .loginAs(fixture.mario)
      .withCsrfToken()
      .field('messaggio', 'Il richiedente ha già un permesso scaduto.')
      .field('tipo', 'nota')
      .file('allegati', pdf(), { filename: 'vecchio-permesso.pdf' })
      .redirects(0)

    response.assertFlashMessage('success', 'La nota interna è stata aggiunta.')
    const note = await PraticaMessage.query()
      .where('pratica_id', pratica.id)
      .where('author_type', 'operator')
      .firstOrFail()
    assert.equal(note.visibility, 'internal')
    assert.lengthOf(await requestedEmails(fixture.ente), before.length)
    assert.lengthOf(await AuditLog.query().where('action', 'pratica_note_added'), 1)

    const forGiulia = await client.get(url).loginAs(fixture.giulia)
    assert.include(visibleText(forGiulia), 'Nota interna')
    assert.include(visibleText(forGiulia), 'Il richiedente ha già un permesso scaduto.')

    const area = await client
      .get(`${fixture.area}/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(fixture.citizen)
    assert.notInclude(visibleText(area), 'permesso scaduto')
    assert.notInclude(visibleText(area), 'vecchio-permesso.pdf')
    const attachment = await Upload.query().where('owner', note.uploadOwner).firstOrFail()
    const download = await client
      .get(`${fixture.area}/allegati/${attachment.id}`)
      .withGuard('citizen')
      .loginAs(fixture.citizen)
    download.assertStatus(404)
  })

  test('an empty text comes back with the reason and the file kept', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)

    const response = await client
      .post(`${praticaUrl(fixture.ente, pratica)}/messaggi`)
      .loginAs(fixture.mario)
      .withCsrfToken()
      .field('messaggio', '   ')
      .field('tipo', 'messaggio')
      .file('allegati', pdf(), { filename: 'modello.pdf' })

    response.assertStatus(422)
    const html = pageText(response)
    assert.match(html, /id="operator-message-body-error"[^>]*>Scrivi il testo del messaggio\./)
    assert.include(html, 'modello.pdf')
    assert.match(html, /name="_draft" value="[0-9a-f-]{36}"/)
    assert.lengthOf(
      await PraticaMessage.query().where('pratica_id', pratica.id).where('author_type', 'operator'),
      0
    )
  })

  test('404 for an operator not enabled for the service', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const outsider = await operatorOf(fixture.ente, null, 'Anna', 'Neri')
    const pratica = await sentPratica(fixture, 2000)

    const response = await postAction(
      client,
      outsider,
      `${praticaUrl(fixture.ente, pratica)}/messaggi`,
      {
        messaggio: 'x',
        tipo: 'nota',
      }
    )

    response.assertStatus(404)
    assert.lengthOf(
      await PraticaMessage.query().where('pratica_id', pratica.id).where('author_type', 'operator'),
      0
    )
  })
})
