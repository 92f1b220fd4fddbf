import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import PraticaMessage from '#models/pratica_message'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText, sessionAfter } from '#tests/functional/identity/helpers'
import { praticaLinkPath } from '#services/citizens/pratica_link'
import { areaFixture, officeMessage, pdf, praticaIn, storedUpload } from './helpers.js'

/** A login-free applicant's pratica and the signed link of their receipt e-mail. */
async function loginFreePratica() {
  const fixture = await areaFixture()
  const applicant = await CitizenFactory.apply('anonymous')
    .merge({ enteId: fixture.ente.id, firstName: 'Giulia', lastName: 'Verdi' })
    .create()
  const pratica = await praticaIn(fixture.ente, fixture.service, applicant, 2000)
  const link = praticaLinkPath({ ente: fixture.ente, praticaId: pratica.uuid, citizen: applicant })
  return { ...fixture, applicant, pratica, link }
}

test.group("Login-free applicant's pratica page (signed link)", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('the signed link shows the pratica page without the personal area, messages included', async ({
    client,
    assert,
  }) => {
    const { ente, pratica, link } = await loginFreePratica()
    await officeMessage(pratica, 'Abbiamo ricevuto la sua richiesta.')

    const response = await client.get(link)

    response.assertStatus(200)
    const text = pageText(response)
    assert.include(text, 'Richiedere permesso di accesso ad area ZTL')
    assert.include(text, '[Acquisita]')
    assert.include(text, `Numero richiesta:`)
    assert.include(text, 'Abbiamo ricevuto la sua richiesta.')
    assert.include(text, `action="/${ente.slug}/pratiche/${pratica.uuid}/messaggi"`)
    assert.notInclude(text, "Sezioni dell'area personale")
    assert.notInclude(text, "Ultime pratiche inviate dall'utente")
  })

  test('an altered, foreign or missing link answers 404', async ({ client }) => {
    const { ente, service, pratica, link, applicant } = await loginFreePratica()
    const other = await praticaIn(ente, service, applicant, 2000)

    const probes = [
      `/${ente.slug}/pratiche/${pratica.uuid}`,
      link.replace(/signature=[^&]+/, 'signature=falsa'),
      link.replace(pratica.uuid, other.uuid),
      link.replace(`cittadino=${applicant.id}`, `cittadino=${applicant.id + 1}`),
    ]
    for (const probe of probes) {
      const response = await client.get(probe)
      response.assertStatus(404)
    }
  })

  test('the browser that opened the link downloads the files and writes to the office', async ({
    client,
    assert,
  }) => {
    const { ente, pratica, link } = await loginFreePratica()
    const file = await storedUpload(ente, `pratica:${pratica.id}`, 'documento.pdf', pdf())
    const base = `/${ente.slug}/pratiche/${pratica.uuid}`

    const stranger = await client.get(`${base}/allegati/${file.id}`)
    stranger.assertStatus(404)

    const opened = await client.get(link)
    const session = sessionAfter(opened)
    assert.include(pageText(opened), `${base}/allegati/${file.id}`)

    const download = await client.get(`${base}/allegati/${file.id}`).withSession(session)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')

    const sent = await client
      .post(`${base}/messaggi`)
      .withSession(session)
      .withCsrfToken()
      .redirects(0)
      .form({ messaggio: 'Quando avrò la risposta?' })
    sent.assertStatus(302)
    sent.assertHeader('location', `${base}#messaggi`)
    const [message] = await PraticaMessage.query().where('pratica_id', pratica.id)
    assert.equal(message.body, 'Quando avrò la risposta?')
    assert.equal(message.authorName, 'Giulia Verdi')

    const refused = await client
      .post(`${base}/messaggi`)
      .withSession(session)
      .withCsrfToken()
      .form({ messaggio: '' })
    refused.assertStatus(422)
    assert.include(pageText(refused), 'Scrivi il testo del messaggio.')
    assert.notInclude(pageText(refused), "Sezioni dell'area personale")
  })

  test("the pratica's own citizen, logged in, goes to the personal area's page", async ({
    client,
  }) => {
    const { ente, pratica, link, applicant } = await loginFreePratica()

    const response = await client.get(link).withGuard('citizen').loginAs(applicant).redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/area-personale/pratiche/${pratica.uuid}`)
  })
})
