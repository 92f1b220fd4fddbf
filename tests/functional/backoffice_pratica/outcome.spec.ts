import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import Pratica from '#models/pratica'
import PraticaMessage from '#models/pratica_message'
import PraticaStatusChange from '#models/pratica_status_change'
import Upload from '#models/upload'
import AuditLog from '#models/audit_log'
import { pdf } from '#tests/functional/personal_area/helpers'
import { pageText } from '#tests/functional/identity/helpers'
import {
  dropEnte,
  enableEmail,
  inChargeOf,
  officeFixture,
  operatorOf,
  postAction,
  praticaUrl,
  requestedEmails,
  sentPratica,
  visibleText,
} from './helpers.js'

const MESSAGE =
  '<p>Gentile Lorenzo Bertoli, la sua richiesta è <strong>accettata</strong>.</p><script>alert(1)</script><p>Il permesso vale un anno.</p>'

async function responseMessage(pratica: Pratica) {
  return PraticaMessage.query()
    .where('pratica_id', pratica.id)
    .where('author_type', 'operator')
    .firstOrFail()
}

async function filesOf(message: PraticaMessage) {
  return Upload.query().where('owner', message.uploadOwner).orderBy('created_at')
}

test.group('Approva and Rigetta', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Approva: Accettata, the message cleaned, a PDF made from it, the e-mail, the audit', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    await enableEmail(fixture.ente)
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = praticaUrl(fixture.ente, pratica)

    const form = await client.get(`${url}/approva`).loginAs(fixture.mario)
    form.assertStatus(200)
    assert.include(visibleText(form), 'Approva pratica')
    assert.include(
      visibleText(form),
      `Verrà inviato un messaggio all'indirizzo dell'utente ${fixture.citizen.email}`
    )
    assert.notInclude(visibleText(form), "È un'approvazione parziale?")

    const response = await postAction(client, fixture.mario, `${url}/approva`, {
      messaggio: MESSAGE,
    })

    response.assertHeader('location', url)
    response.assertFlashMessage('success', 'La pratica è stata approvata.')
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    assert.isFalse(pratica.partial)
    const message = await responseMessage(pratica)
    assert.equal(message.visibility, 'applicant')
    assert.equal(message.subject, 'Richiedere permesso di accesso ad area ZTL: richiesta accettata')
    assert.equal(
      message.body,
      'Gentile Lorenzo Bertoli, la sua richiesta è accettata.\n\nIl permesso vale un anno.'
    )
    const [document] = await filesOf(message)
    assert.equal(document.field, 'documento_risposta')
    assert.equal(document.clientName, `esito-${pratica.uuid}.pdf`)
    const bytes = Buffer.from(await drive.use().getBytes(document.diskKey))
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')

    const emails = await requestedEmails(fixture.ente)
    const toCitizen = emails.find((email) => email.subject === message.subject)
    assert.equal(toCitizen.recipient.email, fixture.citizen.email)
    assert.include(toCitizen.body.text, 'Il permesso vale un anno.')
    assert.notInclude(toCitizen.body.html, '<script')
    const audit = await AuditLog.query().where('action', 'pratica_approved').firstOrFail()
    assert.include(audit.$attributes, { subjectId: pratica.uuid, actorId: fixture.mario.id })
  })

  test('the citizen sees Accettata, the response message and its PDF in their pratica', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, pratica)}/approva`, {
      messaggio: MESSAGE,
    })

    const page = await client
      .get(`${fixture.area}/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(fixture.citizen)
    page.assertStatus(200)
    const text = visibleText(page)
    assert.include(text, '[Accettata]')
    assert.include(text, 'Il permesso vale un anno.')
    assert.include(text, `esito-${pratica.uuid}.pdf`)
  })

  test("È un'approvazione parziale?: Parzialmente approvata, only where the service allows it", async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = praticaUrl(fixture.ente, pratica)

    // not allowed: the box is not there and is ignored
    const other = await sentPratica(fixture, 2000)
    await inChargeOf(other, fixture.mario)
    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, other)}/approva`, {
      messaggio: 'Accettata',
      parziale: '1',
    })
    await other.refresh()
    assert.isFalse(other.partial)

    fixture.service.allowPartialApproval = true
    await fixture.service.save()
    const form = await client.get(`${url}/approva`).loginAs(fixture.mario)
    assert.include(visibleText(form), "È un'approvazione parziale?")
    await postAction(client, fixture.mario, `${url}/approva`, {
      messaggio: 'Accettata solo per il primo veicolo.',
      parziale: '1',
    })
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    assert.isTrue(pratica.partial)
    const page = await client.get(url).loginAs(fixture.mario)
    assert.include(visibleText(page), '[Parzialmente approvata]')
  })

  test('Rigetta with an uploaded response document: Rifiutata, the document as sent', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)

    const response = await client
      .post(`${praticaUrl(fixture.ente, pratica)}/rigetta`)
      .loginAs(fixture.mario)
      .withCsrfToken()
      .field('messaggio', 'La targa indicata non risulta intestata al richiedente.')
      .file('documento', pdf(4096), { filename: 'diniego firmato.pdf' })
      .file('allegati', pdf(), { filename: 'regolamento.pdf' })
      .redirects(0)

    response.assertFlashMessage('success', 'La pratica è stata rigettata.')
    await pratica.refresh()
    assert.equal(pratica.status, 9000)
    const message = await responseMessage(pratica)
    assert.equal(message.subject, 'Richiedere permesso di accesso ad area ZTL: richiesta rifiutata')
    const files = await filesOf(message)
    assert.sameDeepMembers(
      files.map((file) => [file.clientName, file.field]),
      [
        ['diniego firmato.pdf', 'documento_risposta'],
        ['regolamento.pdf', 'allegati'],
      ]
    )
  })

  test('a service that requires protocol: Accettata in attesa di protocollazione', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    fixture.service.protocolRequired = true
    await fixture.service.save()
    const pratica = await sentPratica(fixture, 3000)
    await inChargeOf(pratica, fixture.mario)

    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, pratica)}/approva`, {
      messaggio: 'Accettata',
    })

    await pratica.refresh()
    assert.equal(pratica.status, 6000)
  })

  test('an empty message comes back with the reason next to it and the files kept', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = `${praticaUrl(fixture.ente, pratica)}/approva`

    const first = await client
      .post(url)
      .loginAs(fixture.mario)
      .withCsrfToken()
      .field('messaggio', '<p> </p>')
      .file('allegati', pdf(), { filename: 'planimetria.pdf' })

    first.assertStatus(422)
    const html = pageText(first)
    assert.match(html, /id="outcome-body-error"[^>]*>Scrivi il messaggio di risposta\./)
    assert.include(html, 'planimetria.pdf')
    const token = html.match(/name="_allegati" value="([^"]+)"/)![1]
    await pratica.refresh()
    assert.equal(pratica.status, 4000)

    await postAction(client, fixture.mario, url, { messaggio: 'Accettata', _allegati: token })
    const message = await responseMessage(pratica)
    const files = await filesOf(message)
    assert.includeMembers(
      files.map((file) => file.clientName),
      ['planimetria.pdf']
    )
  })

  test('not in charge: no buttons, the form and the POST answer why', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)

    const form = await client.get(`${url}/approva`).loginAs(fixture.mario).redirects(0)
    form.assertFlashMessage(
      'error',
      'Per approvare o rigettare la pratica devi prima prenderla in carico.'
    )
    const post = await postAction(client, fixture.mario, `${url}/rigetta`, { messaggio: 'No' })
    post.assertFlashMessage(
      'error',
      'Per approvare o rigettare la pratica devi prima prenderla in carico.'
    )

    await inChargeOf(pratica, fixture.mario)
    const byGiulia = await postAction(client, fixture.giulia, `${url}/approva`, { messaggio: 'Sì' })
    byGiulia.assertFlashMessage(
      'error',
      'La pratica è in carico a Mario Rossi: subentra per approvarla o rigettarla.'
    )
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
  })

  test('404 for an operator not enabled for the service', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const outsider = await operatorOf(fixture.ente, null, 'Anna', 'Neri')
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = praticaUrl(fixture.ente, pratica)

    for (const path of ['approva', 'rigetta']) {
      const page = await client.get(`${url}/${path}`).loginAs(outsider)
      page.assertStatus(404)
      const post = await postAction(client, outsider, `${url}/${path}`, { messaggio: 'x' })
      post.assertStatus(404)
    }
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
  })
})

test.group('Approva at the same time', () => {
  test('a double click on Invia: one decision, one message, the second told', async ({
    client,
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    cleanup(() => dropEnte(fixture.ente.id))
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = `${praticaUrl(fixture.ente, pratica)}/approva`

    const responses = await Promise.all([
      postAction(client, fixture.mario, url, { messaggio: 'Accettata' }),
      postAction(client, fixture.mario, url, { messaggio: 'Accettata' }),
    ])

    const flashes = responses.map((response) => response.flashMessages())
    assert.lengthOf(
      flashes.filter((flash) => flash.success),
      1
    )
    const refused = flashes.find((flash) => flash.error)
    assert.equal(refused?.error, 'La pratica è già stata decisa: ora è "Accettata".')
    assert.lengthOf(
      await PraticaStatusChange.query().where('pratica_id', pratica.id).where('to_status', 7000),
      1
    )
    assert.lengthOf(
      await PraticaMessage.query().where('pratica_id', pratica.id).where('author_type', 'operator'),
      1
    )
    const decided = await Pratica.findOrFail(pratica.id)
    assert.equal(decided.status, 7000)
  })

  test('Approva and Rigetta sent at once (two tabs): one decision, the other told', async ({
    client,
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    cleanup(() => dropEnte(fixture.ente.id))
    const pratica = await sentPratica(fixture, 2000)
    await inChargeOf(pratica, fixture.mario)
    const url = praticaUrl(fixture.ente, pratica)

    const responses = await Promise.all([
      postAction(client, fixture.mario, `${url}/approva`, { messaggio: 'Accettata' }),
      postAction(client, fixture.mario, `${url}/rigetta`, { messaggio: 'Rifiutata' }),
    ])

    const flashes = responses.map((response) => response.flashMessages())
    assert.lengthOf(
      flashes.filter((flash) => flash.success),
      1
    )
    const decided = await Pratica.findOrFail(pratica.id)
    const refused = flashes.find((flash) => flash.error)
    assert.equal(refused?.error, `La pratica è già stata decisa: ora è "${decided.statusLabel}".`)
    assert.lengthOf(
      await PraticaStatusChange.query()
        .where('pratica_id', pratica.id)
        .whereIn('to_status', [7000, 9000]),
      1
    )
  })
})
