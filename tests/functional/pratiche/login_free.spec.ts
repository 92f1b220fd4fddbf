import { test } from '@japa/runner'
import { IncomingMessage, ServerResponse } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import Citizen from '#models/citizen'
import DevMail from '#models/dev_mail'
import { CitizenFactory } from '#factories/citizen_factory'
import { verifyPraticaLink } from '#services/citizens/pratica_link'
import { pageText, sessionAfter } from '#tests/functional/identity/helpers'
import { workTheQueue, ztlFields, ztlSetup } from './helpers.js'

const TYPED = {
  nome: 'Lorenzo',
  cognome: 'Bertoli',
  codiceFiscale: 'BRTLNZ00C11L378I',
  email: 'lorenzo.bertoli@example.it',
  telefono: '+39 333 1234567',
}

/** The request the browser makes when the applicant opens a link of the e-mail. */
async function opened(url: string) {
  const req = new IncomingMessage(new Socket())
  req.method = 'GET'
  req.url = new URL(url).pathname + new URL(url).search
  const ctx = await testUtils.createHttpContext({ req, res: new ServerResponse(req) })
  return ctx.request
}

test.group('Pratica: a service used without login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the applicant types their data; a wrong codice fiscale comes back with the rest kept', async ({
    client,
    assert,
  }) => {
    const { ente, service } = await ztlSetup({ minAuthLevel: 0 })
    const start = `/${ente.slug}/servizi/${service.slug}/compila`
    const page = await client.get(start)
    page.assertStatus(200)
    const html = pageText(page)
    for (const label of ['Nome', 'Cognome', 'Codice fiscale', 'Email', 'Recapito telefonico']) {
      assert.match(
        html,
        new RegExp(`<label for="field-\\w+" class="active" it-bs-static>${label}<`)
      )
    }

    const wrong = await client
      .post(start)
      .form({ ...TYPED, codiceFiscale: 'BRTLNZ00C11L378X' })
      .header('referer', start)
      .withCsrfToken()
      .redirects(0)
    wrong.assertStatus(302)
    const flashed = wrong.flashMessages()
    assert.property(flashed.inputErrorsBag, 'codiceFiscale')
    assert.notProperty(flashed.inputErrorsBag, 'nome')
    const back = await client.get(start).withFlashMessages(flashed)
    assert.include(back.text(), 'value="Bertoli"')
    assert.include(back.text(), 'value="BRTLNZ00C11L378X"')
    assert.include(back.text(), 'aria-invalid=true')
    assert.lengthOf(await Pratica.query().where('service_id', service.id), 0)
  })

  test('typed data opens a draft for this browser only; Invia makes the citizen; the e-mail carries the signed link', async ({
    client,
    assert,
  }) => {
    const { ente, service } = await ztlSetup({ minAuthLevel: 0 })
    const start = `/${ente.slug}/servizi/${service.slug}/compila`
    const typed = await client.post(start).form(TYPED).withCsrfToken().redirects(0)
    const pratica = await Pratica.query().where('service_id', service.id).firstOrFail()
    const base = `/${ente.slug}/pratiche/${pratica.uuid}`
    assert.equal(typed.header('location'), `${base}/compila`)
    assert.include(pratica.$attributes, { citizenId: null, authMethod: 'anonymous', authLevel: 0 })
    assert.deepEqual(pratica.typedApplicant, TYPED)
    let session = sessionAfter(typed)

    // this browser goes on; another one finds nothing
    const form = await client.get(`${base}/compila`).withSession(session)
    form.assertStatus(200)
    assert.include(form.text(), 'value="BRTLNZ00C11L378I"')
    const elsewhere = await client.get(`${base}/compila`)
    elsewhere.assertStatus(404)
    const resumed = await client.get(start).withSession(session).redirects(0)
    assert.equal(resumed.header('location'), `${base}/compila`)

    const applicant = {
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      fiscalCode: TYPED.codiceFiscale,
      email: TYPED.email,
    }
    const filled = await client
      .post(`${base}/compila`)
      .withSession(session)
      .withCsrfToken()
      .form({ ...ztlFields(applicant as Citizen), _step: '3', _action: 'submit' })
      .redirects(0)
    assert.equal(filled.header('location'), `${base}/riepilogo`)
    const sent = await client
      .post(`${base}/invia`)
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
    assert.equal(sent.header('location'), `${base}/ricevuta`)
    session = sessionAfter(sent)

    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    const citizen = await Citizen.findOrFail(pratica.citizenId)
    assert.include(citizen.$attributes, {
      fiscalCode: TYPED.codiceFiscale,
      firstName: 'Lorenzo',
      identitySource: 'anonymous',
    })
    const receipt = await client.get(`${base}/ricevuta`).withSession(session)
    receipt.assertStatus(200)
    assert.notInclude(receipt.text(), 'Vai alla pratica', 'no personal area without login')

    await workTheQueue()
    const [mail] = await DevMail.query().where('to_addresses', 'like', `%${TYPED.email}%`)
    const link = /https?:\/\/\S+\/pratiche\/\S+signature=\S+/.exec(mail.text ?? '')![0]
    assert.deepEqual(verifyPraticaLink(await opened(link), ente), {
      praticaId: pratica.uuid,
      citizenId: citizen.id,
    })

    // another browser, with the link only: the pratica's page, then its modulo and Ritira pratica
    const { pathname, search } = new URL(link)
    const landing = await client.get(pathname + search)
    landing.assertStatus(200)
    const linked = sessionAfter(landing)
    const modulo = await client.get(`${base}/modulo-compilato`).withSession(linked)
    modulo.assertStatus(200)
    modulo.assertHeader('content-type', 'application/pdf')
    const withdrawn = await client
      .post(`${base}/ritira`)
      .withSession(linked)
      .withCsrfToken()
      .redirects(0)
    withdrawn.assertFlashMessage('success', 'La pratica è stata ritirata.')
    await pratica.refresh()
    assert.equal(pratica.status, 20000)

    const altered = await client.get(
      pathname + search.replace(/cittadino=\d+/, `cittadino=${citizen.id + 1}`)
    )
    altered.assertStatus(404)
    const stranger = await client.get(`${base}/modulo-compilato`)
    stranger.assertStatus(404)
  })

  test("a known codice fiscale: the pratica is that citizen's, whose name and contacts stay", async ({
    client,
    assert,
  }) => {
    const { ente, service } = await ztlSetup({ minAuthLevel: 0 })
    const known = await CitizenFactory.merge({
      enteId: ente.id,
      fiscalCode: TYPED.codiceFiscale,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      email: 'vero@example.it',
    }).create()
    const start = `/${ente.slug}/servizi/${service.slug}/compila`
    const typed = await client.post(start).form(TYPED).withCsrfToken().redirects(0)
    const session = sessionAfter(typed)
    const pratica = await Pratica.query().where('service_id', service.id).firstOrFail()
    const base = `/${ente.slug}/pratiche/${pratica.uuid}`
    await client
      .post(`${base}/compila`)
      .withSession(session)
      .withCsrfToken()
      .form({
        ...ztlFields(known, { 'applicant/email_address': TYPED.email }),
        _step: '3',
        _action: 'submit',
      })
    await client.post(`${base}/invia`).withSession(session).withCsrfToken()

    await pratica.refresh()
    assert.equal(pratica.citizenId, known.id)
    await known.refresh()
    assert.equal(known.email, 'vero@example.it')
  })
})
