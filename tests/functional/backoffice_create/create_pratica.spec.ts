import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import Pratica from '#models/pratica'
import { UserFactory } from '#factories/user_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { ztlFields, ztlSetup } from '#tests/functional/pratiche/helpers'
import { iterOf, outsiders } from '#tests/functional/backoffice_integrations/helpers'

/** The ZTL service, Mario Rossi enabled for it, and the citizen Lorenzo Bertoli of the ente. */
async function fixture() {
  const { ente, service } = await ztlSetup()
  const operator = await UserFactory.merge({
    enteId: ente.id,
    firstName: 'Mario',
    lastName: 'Rossi',
  }).create()
  await operator.related('services').attach([service.id])
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
    fiscalCode: 'BRTLRN80B20G702J',
    email: 'bertoli96@example.it',
  }).create()
  const start = `/${ente.slug}/backoffice/servizi/${service.id}/crea-pratica`
  return { ente, service, operator, citizen, start }
}

type Fixture = Awaited<ReturnType<typeof fixture>>

async function chooseCitizen(client: any, f: Fixture, citizen: Citizen) {
  const response = await client
    .post(f.start)
    .loginAs(f.operator)
    .withCsrfToken()
    .redirects(0)
    .form({ cittadino: String(citizen.id) })
  response.assertStatus(302)
  const url = String(response.header('location'))
  const uuid = url.split('/').pop()!
  return { url, draft: await Pratica.findByOrFail('uuid', uuid) }
}

test.group('Backoffice: Crea pratica', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Servizi offers "Crea pratica"; the citizen is found by name or codice fiscale', async ({
    client,
    assert,
  }) => {
    const f = await fixture()
    const services = await client.get(`/${f.ente.slug}/backoffice/servizi`).loginAs(f.operator)
    services.assertTextIncludes(`href="${f.start}"`)

    for (const search of ['bertoli', 'lorenzo bert', 'BRTLRN80']) {
      const found = await client.get(f.start).qs({ cerca: search }).loginAs(f.operator)
      found.assertStatus(200)
      assert.include(pageText(found), 'BRTLRN80B20G702J', search)
    }
    const none = await client.get(f.start).qs({ cerca: 'verdi' }).loginAs(f.operator)
    none.assertTextIncludes('Nessun cittadino corrisponde alla ricerca')
  })

  test('the operator fills the form for the citizen and sends it: Inviata, auth "operatore", in the personal area, audited', async ({
    client,
    assert,
  }) => {
    const f = await fixture()
    const { url, draft } = await chooseCitizen(client, f, f.citizen)
    assert.equal(draft.status, 1000)
    assert.equal(draft.citizenId, f.citizen.id)
    assert.equal(draft.createdByOperatorId, f.operator.id)
    assert.equal(draft.authMethod, 'operator')
    assert.deepEqual(await iterOf(draft), ['1000:operator'])

    const form = await client.get(url).loginAs(f.operator)
    form.assertStatus(200)
    form.assertTextIncludes('Richiesta per')
    form.assertTextIncludes('BRTLRN80B20G702J')

    const filled = await client
      .post(url)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ ...ztlFields(f.citizen), _step: '3', _action: 'submit' })
    filled.assertStatus(302)
    filled.assertHeader('location', `${url}/riepilogo`)
    const summary = await client.get(`${url}/riepilogo`).loginAs(f.operator)
    summary.assertTextIncludes('AB123CD')

    const sent = await client.post(`${url}/invia`).loginAs(f.operator).withCsrfToken().redirects(0)
    sent.assertStatus(302)
    sent.assertHeader('location', `/${f.ente.slug}/backoffice/pratiche/${draft.uuid}`)
    await draft.refresh()
    assert.equal(draft.status, 1900)
    assert.equal(draft.authMethod, 'operator')
    assert.isNotNull(draft.submittedAt)
    const list = await client.get(`/${f.ente.slug}/backoffice`).loginAs(f.operator)
    const row = pageText(list)
      .match(/<tbody>[\s\S]*?<\/tbody>/)![0]
      .match(/<tr[\s\S]*?Lorenzo Bertoli[\s\S]*?<\/tr>/)![0]
    assert.match(row, /<td[^>]*>\s*Operatore\s*<\/td>/)
    const audit = await db.from('audit_logs').where('action', 'pratica_created_for_citizen')
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].actor_id, f.operator.id)

    const area = await client
      .get(`/${f.ente.slug}/area-personale/pratiche/${draft.uuid}`)
      .withGuard('citizen')
      .loginAs(f.citizen)
    area.assertStatus(200)
    const title = pageText(area)
      .match(/<h1[\s\S]*?<\/h1>/)![0]
      .replace(/<[^>]+>/g, '')
    assert.equal(title, 'Richiedere permesso di accesso ad area ZTL [Inviata]')

    const again = await client.post(`${url}/invia`).loginAs(f.operator).withCsrfToken().redirects(0)
    again.assertStatus(302)
    again.assertFlashMessage('warning', 'La pratica è già stata inviata.')
  })

  test('typed data: a wrong codice fiscale is told next to its field, the rest kept; a new person is created', async ({
    client,
    assert,
  }) => {
    const f = await fixture()
    const typed = {
      nome: 'Giulia',
      cognome: 'Verdi',
      codiceFiscale: 'VRDGLI85M41G702X',
      email: 'giulia.verdi@example.it',
      telefono: '3331234567',
    }
    const wrong = await client
      .post(f.start)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form(typed)
    wrong.assertStatus(422)
    const html = pageText(wrong)
    assert.match(html, /id="field-codiceFiscale-error"/)
    assert.include(html, 'value="Giulia"')
    assert.include(html, 'value="giulia.verdi@example.it"')

    const right = await client
      .post(f.start)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ ...typed, codiceFiscale: 'VRDGLI85M41G702W' })
    right.assertStatus(302)
    const created = await Citizen.query()
      .where('ente_id', f.ente.id)
      .where('fiscal_code', 'VRDGLI85M41G702W')
      .firstOrFail()
    assert.equal(created.fullName, 'Giulia Verdi')
    const draft = await Pratica.query().where('citizen_id', created.id).firstOrFail()
    assert.equal(draft.createdByOperatorId, f.operator.id)
  })

  test('typed data of a citizen already there: found by codice fiscale, the identity never changed', async ({
    client,
    assert,
  }) => {
    const f = await fixture()
    const response = await client
      .post(f.start)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({
        nome: 'Falso',
        cognome: 'Nome',
        codiceFiscale: 'BRTLRN80B20G702J',
        email: 'altro@example.it',
        telefono: '3331234567',
      })
    response.assertStatus(302)
    await f.citizen.refresh()
    assert.equal(f.citizen.fullName, 'Lorenzo Bertoli')
    assert.equal(f.citizen.email, 'bertoli96@example.it')
    assert.lengthOf(await Pratica.query().where('citizen_id', f.citizen.id), 1)
  })

  test("404: a service the operator is not enabled for, another ente, another operator's draft", async ({
    client,
    assert,
  }) => {
    const f = await fixture()
    const { url } = await chooseCitizen(client, f, f.citizen)
    for (const user of await outsiders(f.ente)) {
      const page = await client.get(f.start).qs({ cerca: 'bertoli' }).loginAs(user)
      page.assertStatus(404)
      assert.notInclude(page.text(), 'BRTLRN80B20G702J')
      const post = await client
        .post(f.start)
        .loginAs(user)
        .withCsrfToken()
        .form({ cittadino: String(f.citizen.id) })
      post.assertStatus(404)
      for (const path of ['', '/riepilogo']) {
        const draft = await client.get(`${url}${path}`).loginAs(user)
        draft.assertStatus(404)
      }
      const send = await client.post(`${url}/invia`).loginAs(user).withCsrfToken()
      send.assertStatus(404)
    }
    // a colleague enabled for the service does not fill Mario's draft either
    const colleague = await UserFactory.merge({ enteId: f.ente.id }).create()
    await colleague.related('services').attach([f.service.id])
    const other = await client.get(url).loginAs(colleague)
    other.assertStatus(404)
    // a citizen of another ente cannot be chosen
    const [, foreignStaff] = await outsiders(f.ente)
    const foreign = await CitizenFactory.merge({ enteId: foreignStaff.enteId! }).create()
    const refused = await client
      .post(f.start)
      .loginAs(f.operator)
      .withCsrfToken()
      .redirects(0)
      .form({ cittadino: String(foreign.id) })
    refused.assertStatus(422)
    refused.assertTextIncludes('Cittadino non trovato')
  })
})
