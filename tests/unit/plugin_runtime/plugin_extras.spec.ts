import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import edge from 'edge.js'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#database/factories/ente_factory'
import { jobRegistry } from '#queue/job_registry'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { useTestPlugins } from '#plugin_runtime/testing'
import { wirePluginExtras } from '#plugin_runtime/plugin_extras'
import { pluginMigrationPaths } from '#plugin_runtime/migration_paths'
import { paymentFixture, type FixtureAdapter } from '#tests/unit/plugin_runtime/fixtures'

const config = { endpoint: 'https://pagamenti.example.it/ws', username: 'comune', password: 'pw' }

/** A plugin bringing views, migrations and a job; the job records what it got. */
function extrasFixture() {
  const runs: Array<{ payload: Record<string, unknown>; adapter: FixtureAdapter; ente: string }> =
    []
  const { manifest } = paymentFixture({ id: 'payment_extras' })
  return {
    runs,
    manifest: {
      ...manifest,
      views: new URL('./views/', import.meta.url),
      migrations: new URL('../../../plugins/payment_extras/database/migrations/', import.meta.url),
      jobs: {
        poll_positions: async (input: {
          payload: Record<string, unknown>
          adapter: FixtureAdapter
          context: { ente: { slug: string } }
        }) => {
          runs.push({
            payload: input.payload,
            adapter: input.adapter,
            ente: input.context.ente.slug,
          })
        },
      },
    },
  }
}

test.group('Plugin extras wired at boot', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const fixture = extrasFixture()
  group.setup(() => {
    wirePluginExtras(app.appRoot, [fixture.manifest])
    return () => {
      edge.unmount('payment_extras')
      pluginMigrationPaths.splice(
        pluginMigrationPaths.indexOf('plugins/payment_extras/database/migrations'),
        1
      )
    }
  })

  test('views are mounted as <plugin id>::', async ({ assert }) => {
    const html = await edge.render('payment_extras::receipt', { name: 'Maria' })
    assert.equal(html.trim(), '<p>Ricevuta per Maria</p>')
  })

  test('migration folders join Lucid paths, relative to the app root', ({ assert }) => {
    const paths = app.config.get<string[]>('database.connections.sqlite.migrations.paths')
    assert.equal(paths[0], 'database/migrations')
    assert.include(paths, 'plugins/payment_extras/database/migrations')
  })

  test('jobs run as <plugin id>.<job> with the adapter of the payload ente', async ({
    assert,
    cleanup,
  }) => {
    cleanup(useTestPlugins([fixture.manifest]).restore)
    const ente = await EnteFactory.create()
    const contracts = await app.container.make(PluginContracts)
    await contracts.set(ente, ['payment_extras'])
    const settings = await app.container.make(TenantPlugins)
    await settings.configure(ente, 'payment_extras', { enabled: true, config })

    const job = jobRegistry.get('payment_extras.poll_positions')
    await job.handler({ enteId: ente.id, iuv: 'RF123' }, { attempt: 1, jobKey: 'k1' })

    assert.lengthOf(fixture.runs, 1)
    assert.deepEqual(fixture.runs[0].payload, { enteId: ente.id, iuv: 'RF123' })
    assert.equal(fixture.runs[0].adapter.config.username, 'comune')
    assert.equal(fixture.runs[0].ente, ente.slug)
    await assert.rejects(
      () => job.handler({ enteId: 999_999 }, { attempt: 1, jobKey: 'k2' }),
      /no ente with id 999999/
    )
  })
})
