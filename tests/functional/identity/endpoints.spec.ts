import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { enableIdentity, enteWithIdentity, FAKE_CONFIG, useIdentityPlugins } from './fixtures.js'

const IDENTITY_PREFIX = '/:ente/auth/:pluginId'

test.group('Identity: endpoints of the identity plugins', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())

  test('only the ACS and SLO are exempt from CSRF', ({ assert }) => {
    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith(IDENTITY_PREFIX))
    const exempt = routes
      .filter((route) => route.meta.csrfExempt === true)
      .map((route) => `${route.methods.join(',')} ${route.pattern}`)

    assert.sameMembers(exempt, [
      `GET,POST ${IDENTITY_PREFIX}/acs`,
      `GET,POST ${IDENTITY_PREFIX}/slo`,
    ])
    assert.sameMembers(
      routes.map((route) => route.pattern.slice(IDENTITY_PREFIX.length)),
      ['/login', '/acs', '/slo', '/metadata']
    )
  })

  test('a POST to the ACS without a CSRF token reaches the plugin, which refuses garbage', async ({
    client,
  }) => {
    const ente = await enteWithIdentity()

    const response = await client
      .post(`/${ente.slug}/auth/identity_fake/acs`)
      .form({ SAMLResponse: 'garbage' })
      .redirects(0)

    response.assertStatus(400)
    response.assertTextIncludes('La risposta del gestore dell’identità non è leggibile')
  })

  test('metadata: the plugin publishes it; a plugin without the capability answers 404', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fake', 'identity_fakecie'])

    const metadata = await client.get(`/${ente.slug}/auth/identity_fake/metadata`)
    metadata.assertStatus(200)
    assert.equal(metadata.header('content-type'), 'application/samlmetadata+xml')
    assert.include(metadata.text(), `${ente.slug}/auth/identity_fake/acs`)

    const none = await client.get(`/${ente.slug}/auth/identity_fakecie/metadata`)
    none.assertStatus(404)
  })

  test('404 everywhere for a plugin the ente has not enabled, another point or an unknown id', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fake'])
    // in the contract but switched off by the ente admin
    await enableIdentity(ente, ['identity_fake', 'identity_fakecie'])
    const settings = await app.container.make(TenantPlugins)
    await settings.configure(ente, 'identity_fakecie', { enabled: false, config: FAKE_CONFIG })

    for (const pluginId of ['identity_fakecie', 'identity_fakespid', 'messaging_email', 'nope']) {
      for (const [method, path] of [
        ['GET', 'login?livello=2'],
        ['GET', 'acs'],
        ['POST', 'acs'],
        ['GET', 'slo'],
        ['POST', 'slo'],
        ['GET', 'metadata'],
      ] as const) {
        const response = await client
          .request(`/${ente.slug}/auth/${pluginId}/${path}`, method)
          .redirects(0)
        assert.equal(response.status(), 404, `${method} ${pluginId}/${path}`)
      }
    }
  })

  test('an IdP that is not in the SPID list sends the citizen back to choose again', async ({
    client,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])

    const response = await client
      .get(`/${ente.slug}/auth/identity_fakespid/login?livello=2&idp=https://altro.example.test`)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader(
      'location',
      `/${ente.slug}/accedi?livello=2&torna=%2F${ente.slug}%2Farea-personale`
    )
    response.assertFlashMessage(
      'error',
      "Il gestore di identità scelto non è disponibile: scegline uno dall'elenco."
    )
  })

  test('a request sent by HTTP-POST is a page whose form posts itself, with a button', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])

    const response = await client
      .get(
        `/${ente.slug}/auth/identity_fakespid/login?livello=2&idp=https%3A%2F%2Fidp-uno.example.test`
      )
      .redirects(0)

    response.assertStatus(200)
    response.assertHeader('cache-control', 'no-store')
    response.assertTextIncludes(
      '<form method="POST" action="https://idp.example.test/sso" x-data="autoSubmit">'
    )
    response.assertTextIncludes('<input type="hidden" name="RelayState"')
    response.assertTextIncludes('Prosegui</button>')
    // no inline script: only the app's script files, with the CSP nonce
    assert.notMatch(response.text(), /<script(?![^>]*\bsrc=)[^>]*>/)
    assert.notInclude(response.text(), 'name="_csrf"', 'no CSRF token leaves for the IdP')
  })
})
