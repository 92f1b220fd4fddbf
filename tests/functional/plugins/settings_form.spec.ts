import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { field } from '#plugin_runtime/config_fields'
import { useTestPlugins } from '#plugin_runtime/testing'
import { UserFactory } from '#factories/user_factory'
import { baseFields, paymentFixture } from '#tests/unit/plugin_runtime/fixtures'
import { enteWithContract, storedRow, tagWithId } from '#tests/functional/plugins/helpers'

/** The fixture plugin after an update: three fields the UI code has never seen. */
const upgradedFields = {
  ...baseFields,
  environment: field.select({
    label: 'Ambiente',
    help: 'Dove vengono inviati i pagamenti',
    options: [
      { value: 'collaudo', label: 'Collaudo' },
      { value: 'produzione', label: 'Produzione' },
    ],
  }),
  apiToken: field.secret({ label: 'Token API', help: 'Rilasciato dal portale del fornitore' }),
  timeout: field.number({ label: 'Attesa massima (secondi)', min: 1, max: 60, optional: true }),
}

const settingsUrl = (slug: string) => `/${slug}/backoffice/impostazioni/plugin/payment_fixture`

const TOKEN = 'tok-Riservato-9f3a'
const validForm = {
  enabled: 'true',
  config: {
    endpoint: 'https://pagamenti.example.it/ws',
    username: 'comune',
    password: 'pw-Segreta-1',
    environment: 'collaudo',
    apiToken: TOKEN,
    timeout: '30',
  },
}

test.group('Plugin settings: generated form', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a field added to the plugin schema is rendered, validated and stored with no UI change', async ({
    client,
    assert,
    cleanup,
  }) => {
    const before = useTestPlugins([paymentFixture().manifest])
    const { ente, admin } = await enteWithContract(['payment_fixture'])
    const url = settingsUrl(ente.slug)

    const original = await client.get(url).loginAs(admin)
    original.assertStatus(200)
    assert.notInclude(original.text(), 'Token API')
    before.restore()

    // the plugin is updated: its schema gains three fields
    cleanup(useTestPlugins([paymentFixture({ fields: upgradedFields }).manifest]).restore)
    const page = await client.get(url).loginAs(admin)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<label for="plugin-config-apiToken" class="active">')
    const token = tagWithId(html, 'plugin-config-apiToken')
    assert.include(token, 'type="password"')
    assert.include(token, 'name="config[apiToken]"')
    assert.include(token, 'aria-describedby="plugin-config-apiToken-help"')
    assert.include(
      html,
      '<small id="plugin-config-apiToken-help" class="form-text d-block">Rilasciato dal portale del fornitore</small>'
    )
    assert.include(tagWithId(html, 'plugin-config-environment'), 'aria-required="true"')
    assert.include(html, '<option value="produzione" >Produzione</option>')
    assert.include(tagWithId(html, 'plugin-config-timeout'), 'type="number"')
    assert.notInclude(tagWithId(html, 'plugin-config-timeout'), 'aria-required')

    // bad input for the new fields: errors next to them, the other values kept
    const rejected = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        ...validForm,
        config: { ...validForm.config, environment: 'staging', timeout: '600' },
      })
      .redirects(0)
    rejected.assertStatus(422)
    const errorPage = rejected.text()
    const environment = tagWithId(errorPage, 'plugin-config-environment')
    assert.include(environment, 'class="is-invalid"')
    assert.include(environment, 'aria-invalid="true"')
    assert.include(
      environment,
      'aria-describedby="plugin-config-environment-help plugin-config-environment-error"'
    )
    assert.include(
      errorPage,
      '<div id="plugin-config-environment-error" class="invalid-feedback d-block">Scegli uno dei valori proposti per il campo Ambiente</div>'
    )
    assert.include(errorPage, 'Il campo Attesa massima (secondi) non può superare 60')
    assert.include(
      tagWithId(errorPage, 'plugin-config-endpoint'),
      'value="https://pagamenti.example.it/ws"'
    )
    assert.include(tagWithId(errorPage, 'plugin-config-username'), 'value="comune"')
    assert.notInclude(tagWithId(errorPage, 'plugin-config-username'), 'is-invalid')
    assert.include(tagWithId(errorPage, 'plugin-enabled'), 'checked')
    assert.notInclude(errorPage, TOKEN)
    const unchanged = await storedRow(ente.id, 'payment_fixture')
    assert.equal(unchanged.config_version, 1)

    // valid input: saved, the secret encrypted
    const saved = await client.post(url).loginAs(admin).withCsrfToken().form(validForm).redirects(0)
    saved.assertStatus(302)
    saved.assertHeader('location', url)
    saved.assertFlashMessage('success', 'Configurazione salvata.')
    const row = await storedRow(ente.id, 'payment_fixture')
    assert.notInclude(JSON.stringify(row), TOKEN)
    assert.deepEqual(JSON.parse(row.config), {
      endpoint: 'https://pagamenti.example.it/ws',
      username: 'comune',
      environment: 'collaudo',
      timeout: 30,
    })

    const after = await client.get(url).loginAs(admin)
    const afterHtml = after.text()
    assert.notInclude(afterHtml, TOKEN)
    assert.include(tagWithId(afterHtml, 'plugin-config-apiToken'), 'value=""')
    assert.include(
      tagWithId(afterHtml, 'plugin-config-apiToken'),
      'aria-describedby="plugin-config-apiToken-help plugin-config-apiToken-secret"'
    )
    assert.include(afterHtml, 'Valore impostato: lasciare vuoto per mantenerlo')
    assert.include(afterHtml, 'Verifica del collegamento riuscita</strong>: collegato come comune')
  })

  test('a failed connection check is shown with its reason', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(useTestPlugins([paymentFixture().manifest]).restore)
    const { ente, admin } = await enteWithContract(['payment_fixture'])
    const url = settingsUrl(ente.slug)

    await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        enabled: 'true',
        config: { endpoint: 'https://down.example.it', username: 'u', password: 'p' },
      })
    const page = await client.get(url).loginAs(admin)

    assert.include(
      page.text(),
      'Verifica del collegamento non riuscita</strong>: Il servizio non risponde (HTTP 503)'
    )
    const list = await client.get(`/${ente.slug}/backoffice/impostazioni/plugin`).loginAs(admin)
    list.assertStatus(200)
    assert.include(list.text(), 'Intermediario di prova')
    assert.include(list.text(), 'Abilitato')
    assert.include(list.text(), 'Il servizio non risponde (HTTP 503)')
  })

  test('enabling a second payment plugin is refused next to the switch', async ({
    client,
    assert,
    cleanup,
  }) => {
    const first = paymentFixture({ id: 'payment_first' }).manifest
    cleanup(useTestPlugins([first, paymentFixture().manifest]).restore)
    const { ente, admin } = await enteWithContract(['payment_first', 'payment_fixture'])
    const form = {
      enabled: 'true',
      config: { endpoint: 'https://a.example.it', username: 'u', password: 'p' },
    }
    await client
      .post(`/${ente.slug}/backoffice/impostazioni/plugin/payment_first`)
      .loginAs(admin)
      .withCsrfToken()
      .form(form)

    const response = await client
      .post(settingsUrl(ente.slug))
      .loginAs(admin)
      .withCsrfToken()
      .form(form)

    response.assertStatus(422)
    assert.include(
      tagWithId(response.text(), 'plugin-enabled'),
      'aria-describedby="plugin-enabled-error"'
    )
    assert.include(
      response.text(),
      'Per Pagamenti è già abilitato &quot;Intermediario di prova&quot;'
    )
  })
})

test.group('Plugin settings: access', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a plugin outside the ente contract answers 404', async ({ client, cleanup }) => {
    cleanup(useTestPlugins([paymentFixture().manifest]).restore)
    const { ente, admin } = await enteWithContract([])

    const response = await client.get(settingsUrl(ente.slug)).loginAs(admin)
    response.assertStatus(404)
  })

  test('the admin of another ente gets 404 on every plugin page', async ({ client, cleanup }) => {
    cleanup(useTestPlugins([paymentFixture().manifest]).restore)
    const { ente } = await enteWithContract(['payment_fixture'])
    const { admin: otherAdmin } = await enteWithContract(['payment_fixture'])

    for (const url of [`/${ente.slug}/backoffice/impostazioni/plugin`, settingsUrl(ente.slug)]) {
      const response = await client.get(url).loginAs(otherAdmin)
      response.assertStatus(404)
    }
    const post = await client
      .post(settingsUrl(ente.slug))
      .loginAs(otherAdmin)
      .withCsrfToken()
      .form(validForm)
    post.assertStatus(404)
  })

  test('an operator of the ente gets 404', async ({ client, cleanup }) => {
    cleanup(useTestPlugins([paymentFixture().manifest]).restore)
    const { ente } = await enteWithContract(['payment_fixture'])
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    for (const url of [`/${ente.slug}/backoffice/impostazioni/plugin`, settingsUrl(ente.slug)]) {
      const response = await client.get(url).loginAs(operator)
      response.assertStatus(404)
    }
  })
})
