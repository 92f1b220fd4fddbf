import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#factories/user_factory'
import { serviceWithForm, ALL_COMPONENTS } from './helpers.js'

const STEP_ONE = {
  _step: '0',
  first_name: 'Maria',
  last_name: 'Bianchi',
  fiscal_code: 'RSSMRA80A01H501U',
  email: 'maria@example.it',
  birth_date: '20/02/1980',
}

test.group('Forms: preview route', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('renders the first step with Avanti, the other steps hidden', async ({ client, assert }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client.get(url).loginAs(admin)
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Anteprima del modulo, versione 1')
    assert.match(
      html,
      /<label for="f-c\d+" class="active" it-bs-static>Codice fiscale<span aria-hidden="true"> \*<\/span><\/label>/
    )
    assert.match(html, /<div data-step="1" hidden>/)
    assert.include(html, 'value="next" class="btn btn-primary">Avanti</button>')
    assert.include(html, '<script type="application/json" data-form-definition>')
    assert.include(html, '/js/forms/form_runtime.js')
  })

  test('is for ente admins and managers only', async ({ client }) => {
    const { ente, url } = await serviceWithForm(ALL_COMPONENTS)
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const asOperator = await client.get(url).loginAs(operator)
    asOperator.assertStatus(404)
    const asManager = await client.get(url).loginAs(manager)
    asManager.assertStatus(200)
    const anonymous = await client.get(url).redirects(0)
    anonymous.assertStatus(302)
  })

  test('Avanti with errors comes back with the messages next to the fields and what was typed', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        ...STEP_ONE,
        _action: 'next',
        fiscal_code: 'RSSMRA80A01H501X',
        first_name: '',
        birth_date: '31/02/1980',
      })
    response.assertStatus(422)
    const html = response.text()
    assert.include(html, 'Il codice fiscale non è valido')
    assert.include(html, 'value="RSSMRA80A01H501X"')
    assert.include(html, 'value="31/02/1980"')
    assert.include(html, 'Inserisci una data valida nel formato gg/mm/aaaa')
    assert.match(html, /id="f-c\d+-error" class="invalid-feedback d-block" >Campo richiesto<\/div>/)
    assert.match(html, /aria-invalid="true" aria-describedby="f-c\d+-error"/)
    assert.include(html, 'Alcuni campi non sono compilati correttamente')
    assert.match(html, /<div data-step="0" >/)
  })

  test('Avanti on a valid step goes to the next one; Indietro goes back without checks', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const next = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({ ...STEP_ONE, _action: 'next' })
    next.assertStatus(200)
    assert.match(next.text(), /<div data-step="1" >/)
    assert.include(next.text(), 'value="Maria"')
    assert.notInclude(next.text(), 'Campo richiesto</div>')

    const back = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({ _step: '1', _action: 'prev' })
    back.assertStatus(200)
    assert.match(back.text(), /<div data-step="0" >/)
  })

  test('"Aggiungi un altro" without JavaScript adds a data grid row', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client.post(url).loginAs(admin).withCsrfToken().form({
      '_step': '1',
      '_action': 'add_row:children',
      'children/0/_row': '1',
      'children/0/child_name': 'Luca',
    })
    response.assertStatus(200)
    const html = response.text()
    assert.match(html, /name="children\/0\/child_name"[^>]*value="Luca"/)
    assert.match(html, /name="children\/1\/child_name"[^>]*value=""/)
    assert.include(html, 'value="remove_row:children:1"')

    const removed = await client.post(url).loginAs(admin).withCsrfToken().form({
      '_step': '1',
      '_action': 'remove_row:children:0',
      'children/0/_row': '1',
      'children/0/child_name': 'Luca',
      'children/1/_row': '1',
      'children/1/child_name': 'Sara',
    })
    assert.match(removed.text(), /name="children\/0\/child_name"[^>]*value="Sara"/)
    assert.notInclude(removed.text(), 'name="children/1/child_name"')
  })

  test('Invia with everything valid shows the Riepilogo and the data a pratica stores', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        ...STEP_ONE,
        '_step': '1',
        '_action': 'submit',
        'office': 'anagrafe',
        'delivery': 'email',
        'post_address': 'non va salvato',
        'children/0/_row': '1',
        'children/0/child_name': 'Luca',
        'privacy': 'true',
      })
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Il modulo è compilato correttamente.')
    assert.include(html, '<h2 class="h3 mt-4 mb-3">Riepilogo</h2>')
    assert.match(html, /<dt[^>]*>Codice fiscale<\/dt>\s*<dd[^>]*>RSSMRA80A01H501U<\/dd>/)
    assert.match(html, /<dt[^>]*>Ufficio<\/dt>\s*<dd[^>]*>Anagrafe<\/dd>/)
    assert.include(html, '&quot;birth_date&quot;: &quot;1980-02-20&quot;')
    assert.notInclude(html, 'non va salvato')
  })

  test('Invia with an error on an earlier step goes back to that step', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        ...STEP_ONE,
        _step: '1',
        _action: 'submit',
        email: 'non-una-email',
        office: 'anagrafe',
        delivery: 'email',
        privacy: 'true',
      })
    response.assertStatus(422)
    assert.match(response.text(), /<div data-step="0" >/)
    assert.include(response.text(), 'Inserisci un indirizzo email valido')
  })

  test('the OpenCity inefficiencies form accepts a valid submission with OpenCity keys', async ({
    client,
    assert,
  }) => {
    const { admin, url } = await serviceWithForm(
      'database/data/opencity/formio/services/inefficiencies.json'
    )
    const page = await client.get(url).loginAs(admin)
    assert.include(page.text(), 'Parti del modulo non supportate')
    assert.include(
      page.text(),
      '<code>applicant.phone_number</code> (panel/fieldset/form/phoneNumber)'
    )
    const response = await client.post(url).loginAs(admin).withCsrfToken().form({
      '_action': 'submit',
      'address/address/address1': 'Via Roma 1',
      'address/address/city': 'Bugliano',
      'type': '97722683-b117-4dc0-b0c8-bd2611de10bd',
      'subject': 'Buca in strada',
      'details': 'Una buca profonda',
      'applicant/completename/name': 'Mario',
      'applicant/completename/surname': 'Rossi',
      'applicant/fiscal_code/fiscal_code': 'RSSMRA80A01H501U',
      'applicant/email_address': 'mario.rossi@example.it',
      'applicant/phone_number': '050 123456',
    })
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, 'Il modulo è compilato correttamente.')
    assert.match(html, /&quot;completename&quot;: \{\s*&quot;name&quot;: &quot;Mario&quot;/)
    assert.match(
      html,
      /&quot;fiscal_code&quot;: \{\s*&quot;fiscal_code&quot;: &quot;RSSMRA80A01H501U&quot;/
    )
  })

  test('a service without a form says so', async ({ client, assert }) => {
    const { ente, admin } = await serviceWithForm(ALL_COMPONENTS)
    const { ServiceFactory } = await import('#factories/service_factory')
    const bare = await ServiceFactory.merge({ enteId: ente.id }).create()
    const response = await client
      .get(`/${ente.slug}/servizi/${bare.slug}/anteprima-modulo`)
      .loginAs(admin)
    response.assertStatus(200)
    assert.include(response.text(), 'Questo servizio non ha ancora un modulo.')
  })
})
