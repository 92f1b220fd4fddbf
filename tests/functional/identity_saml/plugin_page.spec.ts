import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import { UserFactory } from '#factories/user_factory'
import { SimulatorServer } from '#extension_points/simulator_server'
import { enteWithPlugins, SPID_CONFIG } from './helpers.js'

const list = [
  {
    organization_name: 'Poste Italiane SpA',
    entity_id: 'https://posteid.poste.it',
    logo_uri: 'img/spid-idp-posteid.svg',
  },
  {
    organization_name: 'Lepida S.p.A.',
    entity_id: 'https://id.lepida.it/idp/shibboleth',
    logo_uri: 'img/spid-idp-lepidaid.svg',
  },
]
/** how many times the plugin read the registry's list */
let fetches = 0
const registry = new SimulatorServer([
  {
    method: 'GET',
    path: '/idp-list.json',
    handler: () => {
      fetches++
      return { body: JSON.stringify(list), headers: { 'content-type': 'application/json' } }
    },
  },
])

test.group('SPID on the ente admin’s plugin page', (group) => {
  group.setup(() => registry.start())
  group.teardown(() => registry.stop())
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('"Aggiorna l’elenco dei gestori di identità": a button, a POST, the outcome flashed', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({
      identity_spid: { ...SPID_CONFIG, idpListUrl: `${registry.url}/idp-list.json` },
    })
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const page = `/${ente.slug}/backoffice/impostazioni/plugin/identity_spid`

    const edit = await client.get(page).loginAs(admin)
    edit.assertStatus(200)
    edit.assertTextIncludes('Aggiorna l’elenco dei gestori di identità')
    assert.include(edit.text(), `action="${page}/azioni/refresh_idp_list"`)

    const run = await client
      .post(`${page}/azioni/refresh_idp_list`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    run.assertStatus(302)
    run.assertHeader('location', page)
    run.assertFlashMessage('success', 'Elenco aggiornato: 2 gestori di identità.')
  })

  test('an unknown action, another role, no CSRF token: refused', async ({ client, assert }) => {
    const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const manager = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
    const page = `/${ente.slug}/backoffice/impostazioni/plugin/identity_spid`

    const unknown = await client
      .post(`${page}/azioni/cancella_tutto`)
      .loginAs(admin)
      .withCsrfToken()
    unknown.assertStatus(404)
    const asManager = await client
      .post(`${page}/azioni/refresh_idp_list`)
      .loginAs(manager)
      .withCsrfToken()
    asManager.assertStatus(404)
    const before = fetches
    await client.post(`${page}/azioni/refresh_idp_list`).loginAs(admin).redirects(0)
    assert.equal(fetches, before, 'without the CSRF token the action does not run')
  })

  test('the IdP logos are served by the plugin, for the enti that enabled it', async ({
    client,
  }) => {
    const ente = await enteWithPlugins({ identity_spid: SPID_CONFIG })
    const logo = await client.get(`/${ente.slug}/auth/identity_spid/logos/spid-idp-posteid.svg`)
    logo.assertStatus(200)
    logo.assertHeader('content-type', 'image/svg+xml')
    const unknown = await client.get(`/${ente.slug}/auth/identity_spid/logos/..%2F..%2Fplugin.ts`)
    unknown.assertStatus(404)
    const other = await enteWithPlugins({})
    const elsewhere = await client.get(
      `/${other.slug}/auth/identity_spid/logos/spid-idp-posteid.svg`
    )
    elsewhere.assertStatus(404)
  })
})
