import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import EntePlugin from '#models/ente_plugin'
import { useTestPlugins } from '#plugin_runtime/testing'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { paymentFixture } from '#tests/unit/plugin_runtime/fixtures'
import { enteWithContract, tagWithId } from '#tests/functional/plugins/helpers'

function installed(options = { production: false }) {
  return useTestPlugins(
    [
      paymentFixture({ id: 'payment_mypay' }).manifest,
      { ...paymentFixture({ id: 'messaging_demo', demo: true }).manifest, point: 'messaging' },
    ],
    options
  )
}

async function contractOf(enteId: number) {
  const rows = await EntePlugin.query().where('ente_id', enteId).where('in_contract', true)
  return rows.map((row) => row.pluginId)
}

test.group('Platform admin: plugin contract of an ente', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the allowed plugins with "Incluso nel contratto"', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(installed().restore)
    const admin = await UserFactory.apply('platformAdmin').create()
    const { ente } = await enteWithContract(['payment_mypay'])

    const response = await client.get(`/admin/enti/${ente.id}/plugin`).loginAs(admin)

    response.assertStatus(200)
    const html = response.text()
    assert.include(tagWithId(html, 'contract-payment_mypay'), 'checked')
    assert.notInclude(tagWithId(html, 'contract-messaging_demo'), 'checked')
    assert.include(html, '<label for="contract-payment_mypay">')
    assert.include(
      html,
      'Incluso nel contratto<span class="visually-hidden">: Intermediario di prova</span>'
    )
    assert.include(html, 'Solo prova')
  })

  test('saving sets the contract, which the ente admin then sees', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(installed().restore)
    const admin = await UserFactory.apply('platformAdmin').create()
    const { ente, admin: enteAdmin } = await enteWithContract(['payment_mypay'])

    const response = await client
      .post(`/admin/enti/${ente.id}/plugin`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ 'plugins[]': 'messaging_demo' })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/admin/enti/${ente.id}/plugin`)
    response.assertFlashMessage('success', 'Contratto aggiornato.')
    assert.deepEqual(await contractOf(ente.id), ['messaging_demo'])
    const list = await client.get(`/${ente.slug}/backoffice/impostazioni/plugin`).loginAs(enteAdmin)
    assert.include(list.text(), `/${ente.slug}/backoffice/impostazioni/plugin/messaging_demo`)
    assert.notInclude(list.text(), `/${ente.slug}/backoffice/impostazioni/plugin/payment_mypay`)
  })

  test('a plugin that is not offered cannot be put in a contract', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(installed({ production: true }).restore)
    const admin = await UserFactory.apply('platformAdmin').create()
    const ente = await EnteFactory.create()

    const page = await client.get(`/admin/enti/${ente.id}/plugin`).loginAs(admin)
    assert.notInclude(page.text(), 'contract-messaging_demo')

    const response = await client
      .post(`/admin/enti/${ente.id}/plugin`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ plugins: ['payment_mypay', 'messaging_demo'] })
      .redirects(0)

    response.assertStatus(302)
    assert.include(Object.keys(response.flashMessages().inputErrorsBag), 'plugins.1')
    assert.deepEqual(await contractOf(ente.id), [])
  })

  test('ente staff and unknown enti get 404', async ({ client, cleanup }) => {
    cleanup(installed().restore)
    const { ente, admin: enteAdmin } = await enteWithContract([])
    const platformAdmin = await UserFactory.apply('platformAdmin').create()

    const asEnteAdmin = await client.get(`/admin/enti/${ente.id}/plugin`).loginAs(enteAdmin)
    asEnteAdmin.assertStatus(404)
    const post = await client
      .post(`/admin/enti/${ente.id}/plugin`)
      .loginAs(enteAdmin)
      .withCsrfToken()
      .form({ 'plugins[]': 'payment_mypay' })
    post.assertStatus(404)
    const unknown = await client.get('/admin/enti/999999/plugin').loginAs(platformAdmin)
    unknown.assertStatus(404)
  })
})
