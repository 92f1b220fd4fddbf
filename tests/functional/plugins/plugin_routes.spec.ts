import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import { middleware } from '#start/kernel'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { platformOrigin, type EnteRecord } from '#plugin_runtime/plugin_context'
import { useTestPlugins } from '#plugin_runtime/testing'
import { mountPluginRoutes, mountPluginSimulators } from '#plugin_runtime/plugin_routes'
import { paymentFixture, type FixtureAdapter } from '#tests/unit/plugin_runtime/fixtures'
import { enteWithContract } from '#tests/functional/plugins/helpers'

/**
 * Plugins with routes, mounted the way start/routes/plugins.ts mounts the
 * installed ones. Mounted while this file loads: the router is committed
 * when the functional suite starts the HTTP server.
 */
const handled: string[] = []
const payment = {
  ...paymentFixture({ id: 'payment_routed' }).manifest,
  routes: [
    {
      method: 'POST' as const,
      path: '/esito',
      csrfExempt: true,
      handler: ({ request, adapter }: { request: { body: unknown }; adapter: FixtureAdapter }) => {
        handled.push('esito')
        return { status: 200, body: { received: request.body, username: adapter.config.username } }
      },
    },
    {
      method: 'POST' as const,
      path: '/confirm',
      handler: () => {
        handled.push('confirm')
        return { status: 204 }
      },
    },
  ],
  simulator: {
    routes: [
      {
        method: 'POST' as const,
        path: '/ws',
        csrfExempt: true,
        handler: () => ({ status: 200, headers: { 'content-type': 'text/xml' }, body: '<ok/>' }),
      },
    ],
  },
}
const identity = {
  ...paymentFixture({ id: 'identity_routed' }).manifest,
  point: 'identity' as const,
  routes: [
    {
      method: 'GET' as const,
      path: '/logo',
      handler: ({ context }: { context: { routeUrl(path: string): string } }) => ({
        redirect: context.routeUrl('/acs'),
      }),
    },
  ],
}
mountPluginRoutes(router, [payment, identity], middleware.ente())
mountPluginSimulators(router, [payment])

const config = { endpoint: 'https://pagamenti.example.it/ws', username: 'comune', password: 'pw' }

async function enableAll(ente: EnteRecord) {
  const settings = await app.container.make(TenantPlugins)
  await settings.configure(ente, 'payment_routed', { enabled: true, config })
  await settings.configure(ente, 'identity_routed', { enabled: true, config })
}

test.group('Plugin routes', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    handled.length = 0
    return useTestPlugins([payment, identity]).restore
  })

  test('a callback answers 404 for an ente that has not enabled the plugin', async ({
    client,
    assert,
  }) => {
    const { ente } = await enteWithContract(['payment_routed'])

    const response = await client
      .post(`/${ente.slug}/callbacks/payment_routed/esito`)
      .json({ iuv: 'RF1' })

    response.assertStatus(404)
    assert.deepEqual(handled, [])
  })

  test('a csrf-exempt callback reaches the handler with the ente adapter', async ({ client }) => {
    const { ente } = await enteWithContract(['payment_routed', 'identity_routed'])
    await enableAll(ente)

    const response = await client
      .post(`/${ente.slug}/callbacks/payment_routed/esito`)
      .json({ iuv: 'RF1' })

    response.assertStatus(200)
    response.assertBody({ received: { iuv: 'RF1' }, username: 'comune' })
  })

  test('a route that is not csrf-exempt still requires the token', async ({ client, assert }) => {
    const { ente } = await enteWithContract(['payment_routed', 'identity_routed'])
    await enableAll(ente)
    const url = `/${ente.slug}/callbacks/payment_routed/confirm`

    const refused = await client.post(url).form({}).redirects(0)
    assert.notEqual(refused.status(), 204)
    assert.deepEqual(handled, [])

    const accepted = await client.post(url).withCsrfToken().form({})
    accepted.assertStatus(204)
    assert.deepEqual(handled, ['confirm'])
  })

  test('identity routes live under /auth and build their own URLs', async ({ client }) => {
    const { ente } = await enteWithContract(['payment_routed', 'identity_routed'])
    await enableAll(ente)

    const response = await client.get(`/${ente.slug}/auth/identity_routed/logo`).redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `${platformOrigin()}/${ente.slug}/auth/identity_routed/acs`)
  })

  test('simulators answer under /_sim/<plugin> outside production', async ({ client }) => {
    const response = await client.post('/_sim/payment_routed/ws').json({ operation: 'ping' })

    response.assertStatus(200)
    response.assertTextIncludes('<ok/>')
  })
})
