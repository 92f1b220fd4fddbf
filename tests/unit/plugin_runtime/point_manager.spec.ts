import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#database/factories/ente_factory'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { createPointManager } from '#plugin_runtime/point_manager'
import { useTestPlugins } from '#plugin_runtime/testing'
import { AmbiguousPluginError, PluginNotEnabledError } from '#plugin_runtime/errors'
import { platformOrigin } from '#plugin_runtime/plugin_context'
import { paymentFixture, type FixtureAdapter } from '#tests/unit/plugin_runtime/fixtures'

const config = { endpoint: 'https://pagamenti.example.it/ws', username: 'comune', password: 'pw' }

async function enteWith(manifests: Array<{ id: string }>) {
  const ente = await EnteFactory.create()
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(
    ente,
    manifests.map((manifest) => manifest.id)
  )
  return { ente, settings: await app.container.make(TenantPlugins) }
}

const all = (plugins: Array<{ id: string }>) => plugins.map((plugin) => plugin.id)

test.group('Point manager', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('adapters are cached per config version and rebuilt after a change', async ({
    assert,
    cleanup,
  }) => {
    const { manifest, builds } = paymentFixture()
    cleanup(useTestPlugins([manifest]).restore)
    const { ente, settings } = await enteWith([manifest])
    const payments = createPointManager<FixtureAdapter>('payment')

    await settings.configure(ente, manifest.id, { enabled: true, config })
    const builtByHealthCheck = builds.length
    const first = await payments.forEnte(ente)
    const again = await payments.forEnte(ente)
    assert.strictEqual(again.adapter, first.adapter)
    assert.equal(builds.length, builtByHealthCheck + 1)

    await settings.configure(ente, manifest.id, {
      enabled: true,
      config: { ...config, username: 'nuovo' },
    })
    const rebuilt = await payments.forEnte(ente)
    assert.notStrictEqual(rebuilt.adapter, first.adapter)
    assert.equal(rebuilt.adapter.config.username, 'nuovo')
    assert.equal(rebuilt.context.config.password, 'pw')
  })

  test('the context carries the ente, its URLs and the decrypted config', async ({
    assert,
    cleanup,
  }) => {
    const { manifest } = paymentFixture()
    cleanup(useTestPlugins([manifest]).restore)
    const { ente, settings } = await enteWith([manifest])
    await settings.configure(ente, manifest.id, { enabled: true, config })

    const { id, context } = await createPointManager('payment').forEnte(ente, 'payment_fixture')
    const base = `${platformOrigin()}/${ente.slug}`
    assert.equal(id, 'payment_fixture')
    assert.deepInclude(context.ente, { id: ente.id, slug: ente.slug, baseUrl: base })
    assert.equal(context.routeUrl('/notify'), `${base}/callbacks/payment_fixture/notify`)
    assert.equal(context.simulatorUrl('ws'), `${platformOrigin()}/_sim/payment_fixture/ws`)
  })

  test('a plugin not enabled for the ente is a typed error', async ({ assert, cleanup }) => {
    const { manifest } = paymentFixture()
    cleanup(useTestPlugins([manifest]).restore)
    const { ente, settings } = await enteWith([manifest])
    const payments = createPointManager('payment')

    await assert.rejects(() => payments.forEnte(ente), PluginNotEnabledError)
    await settings.configure(ente, manifest.id, { enabled: false, config })
    await assert.rejects(
      () => payments.forEnte(ente),
      `No payment plugin is enabled for ente "${ente.slug}"`
    )
    assert.deepEqual(await payments.allForEnte(ente), [])
  })

  test('with several enabled plugins, forEnte needs the id', async ({ assert, cleanup }) => {
    const email = {
      ...paymentFixture({ id: 'messaging_first' }).manifest,
      point: 'messaging' as const,
    }
    const appIo = {
      ...paymentFixture({ id: 'messaging_second' }).manifest,
      point: 'messaging' as const,
    }
    cleanup(useTestPlugins([email, appIo]).restore)
    const { ente, settings } = await enteWith([email, appIo])
    await settings.configure(ente, email.id, { enabled: true, config })
    await settings.configure(ente, appIo.id, { enabled: true, config })
    const messaging = createPointManager('messaging')

    await assert.rejects(() => messaging.forEnte(ente), AmbiguousPluginError)
    const chosen = await messaging.forEnte(ente, 'messaging_second')
    assert.equal(chosen.id, 'messaging_second')
    assert.deepEqual(all(await messaging.allForEnte(ente)), ['messaging_first', 'messaging_second'])
  })

  test('a plugin whose adapter cannot be built is left out of allForEnte', async ({
    assert,
    cleanup,
  }) => {
    const working = {
      ...paymentFixture({ id: 'messaging_working' }).manifest,
      point: 'messaging' as const,
    }
    const broken = {
      ...paymentFixture({ id: 'messaging_broken' }).manifest,
      point: 'messaging' as const,
      create: () => {
        throw new Error('manca il certificato')
      },
    }
    cleanup(useTestPlugins([working, broken]).restore)
    const { ente, settings } = await enteWith([working, broken])
    await settings.configure(ente, working.id, { enabled: true, config })
    const { health } = await settings.configure(ente, broken.id, { enabled: true, config })
    assert.deepEqual(health, { ok: false, message: 'manca il certificato' })

    const messaging = createPointManager('messaging')
    assert.deepEqual(all(await messaging.allForEnte(ente)), ['messaging_working'])
    await assert.rejects(() => messaging.forEnte(ente, broken.id), 'manca il certificato')
  })
})
