import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import Upload from '#models/upload'
import PraticaStatusChange from '#models/pratica_status_change'
import { CitizenFactory } from '#factories/citizen_factory'
import { EnteFactory } from '#factories/ente_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { asCitizen, openDraft, pdfFile, ztlFields, ztlSetup } from './helpers.js'

test.group('Pratica: compiling a draft step by step', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the service door opens a draft (Bozza, in the iter) and opens the same one again', async ({
    client,
    assert,
  }) => {
    const { ente, service, version, citizen } = await ztlSetup()
    const { response, pratica, base } = await openDraft(client, ente, service, citizen)
    response.assertStatus(302)
    assert.equal(response.header('location'), `${base}/compila`)
    assert.include(pratica.$attributes, {
      status: 1000,
      citizenId: citizen.id,
      serviceId: service.id,
      formVersionId: version.id,
      authMethod: 'spid',
      authLevel: 2,
    })
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id)
    assert.lengthOf(iter, 1)
    assert.include(iter[0].$attributes, { fromStatus: null, toStatus: 1000, actorId: citizen.id })
    assert.equal(iter[0].label, 'Bozza')
    // prefilled from the profile, hidden and empty blocks aside
    assert.deepInclude(pratica.data.applicant as object, {
      fiscal_code: { fiscal_code: citizen.fiscalCode },
    })

    const again = await openDraft(client, ente, service, citizen)
    assert.equal(again.pratica.id, pratica.id)
    assert.lengthOf(await Pratica.query().where('service_id', service.id), 1)
  })

  test('"Avanti" saves the step and what was typed; the draft resumes there', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base } = await openDraft(client, ente, service, citizen)

    const page = await asCitizen(client.get(`${base}/compila`), ente, citizen)
    page.assertStatus(200)
    assert.include(
      page.text(),
      'Abbiamo compilato il tuo profilo utilizzando i dati di SPID o di CIE.'
    )
    assert.match(page.text(), /<div data-step="0" >/)
    // the step's title once on screen: the block's own legend is for screen readers
    assert.match(page.text(), /<h2 class="h3 mb-4">Informativa privacy<\/h2>/)
    assert.match(page.text(), /<legend class="visually-hidden">Informativa privacy<\/legend>/)

    const next = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({ privacy: 'true', _step: '0', _action: 'next' })
    next.assertStatus(200)
    assert.match(next.text(), /<div data-step="1" >/)
    await pratica.refresh()
    assert.equal(pratica.formStep, 1)
    assert.equal(pratica.data.privacy, true)

    const resumed = await asCitizen(client.get(`${base}/compila`), ente, citizen)
    assert.match(resumed.text(), /<div data-step="1" >/)
    assert.match(resumed.text(), /name="privacy"[^>]*checked/)

    const back = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({
        ...ztlFields(citizen, { 'vehicles/0/plate': 'ZZ999ZZ' }),
        _step: '1',
        _action: 'prev',
      })
    back.assertStatus(200)
    assert.match(back.text(), /<div data-step="0" >/)
    await pratica.refresh()
    assert.equal(pratica.formStep, 0)
    assert.equal((pratica.data.vehicles as any[])[0].plate, 'ZZ999ZZ')
  })

  test('a wrong codice fiscale comes back next to its field, every other value kept, and saved', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base } = await openDraft(client, ente, service, citizen)
    const response = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({
        ...ztlFields(citizen, { 'applicant/fiscal_code/fiscal_code': 'RSSMRA80A01H501X' }),
        _step: '1',
        _action: 'next',
      })
    response.assertStatus(422)
    const html = pageText(response)
    // OpenCity's block says it with its own words (validate.customMessage)
    assert.match(html, /invalid-feedback d-block" >CF non valido<\/div>/)
    assert.include(html, 'value="RSSMRA80A01H501X"')
    assert.include(html, `value="${citizen.firstName}"`)
    assert.include(html, 'value="Via Roma"')
    assert.match(html, /<div data-step="1" >/)
    await pratica.refresh()
    assert.equal(
      (pratica.data.applicant as any).fiscal_code.fiscal_code,
      'RSSMRA80A01H501X',
      'a draft keeps what was typed'
    )
  })

  test('uploads belong to the pratica; hidden blocks are not stored', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base } = await openDraft(client, ente, service, citizen)
    const delegate = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .fields({
        ...ztlFields(citizen, { 'role': 'delegato', 'beneficiary/completename/name': 'Mario' }),
        _step: '1',
        _action: 'prev',
      })
      .file('upload:delega/identity_document', pdfFile(), { filename: 'documento.pdf' })
    delegate.assertStatus(200)
    const uploads = await Upload.query().where('owner', `pratica:${pratica.id}`)
    assert.lengthOf(uploads, 1)
    await pratica.refresh()
    assert.equal((pratica.data.beneficiary as any).completename.name, 'Mario')
    assert.equal((pratica.data.delega as any).identity_document[0].id, uploads[0].id)

    const richiedente = await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .form({
        ...ztlFields(citizen, { 'beneficiary/completename/name': 'Mario' }),
        'delega/identity_document[]': uploads[0].id,
        '_step': '1',
        '_action': 'next',
      })
    richiedente.assertStatus(200)
    await pratica.refresh()
    assert.notProperty(pratica.data, 'beneficiary')
    assert.notProperty(pratica.data, 'delega')
  })

  test("another citizen's or another ente's draft is a 404", async ({ client }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { pratica, base } = await openDraft(client, ente, service, citizen)
    const stranger = await CitizenFactory.merge({ enteId: ente.id }).create()
    const other = await EnteFactory.create()
    const otherCitizen = await CitizenFactory.merge({ enteId: other.id }).create()

    const byStranger = await asCitizen(client.get(`${base}/compila`), ente, stranger)
    byStranger.assertStatus(404)
    const anonymous = await client.get(`${base}/compila`)
    anonymous.assertStatus(404)
    const viaOther = await asCitizen(
      client.get(`/${other.slug}/pratiche/${pratica.uuid}/compila`),
      other,
      otherCitizen
    )
    viaOther.assertStatus(404)
    const posted = await asCitizen(client.post(`${base}/compila`), ente, stranger)
      .withCsrfToken()
      .form({ privacy: 'true', _action: 'next' })
    posted.assertStatus(404)
  })
})
