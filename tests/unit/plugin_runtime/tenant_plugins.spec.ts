import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { errors as vineErrors } from '@vinejs/vine'
import { EnteFactory } from '#database/factories/ente_factory'
import EntePlugin from '#models/ente_plugin'
import { field } from '#plugin_runtime/config_fields'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { useTestPlugins } from '#plugin_runtime/testing'
import { PluginConfigInvalidError } from '#plugin_runtime/errors'
import { baseFields, paymentFixture } from '#tests/unit/plugin_runtime/fixtures'

const SECRET = 'pw-Segretissima-42'
const validConfig = {
  endpoint: 'https://pagamenti.example.it/ws',
  username: 'comune',
  password: SECRET,
}

async function setContract(ente: { id: number }, pluginIds: string[]) {
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, pluginIds)
}

async function setup(manifests: unknown[]) {
  const plugins = useTestPlugins(manifests)
  const ente = await EnteFactory.create()
  await setContract(
    ente,
    plugins.registry.allowed().map((manifest) => manifest.id)
  )
  return { ente, settings: await app.container.make(TenantPlugins), restore: plugins.restore }
}

async function rawRow(enteId: number, pluginId: string) {
  return db.from('ente_plugins').where({ ente_id: enteId, plugin_id: pluginId }).firstOrFail()
}

test.group('Tenant plugin settings', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('secrets are stored encrypted: no column holds the plaintext', async ({
    assert,
    cleanup,
  }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)

    await settings.configure(ente, manifest.id, { enabled: true, config: validConfig })

    const row = await rawRow(ente.id, manifest.id)
    assert.notInclude(JSON.stringify(row), SECRET)
    assert.notProperty(JSON.parse(row.config), 'password')
    assert.isString(row.secrets)
    const plugin = (await settings.findInContract(ente, manifest.id))!
    const effective = await settings.effectiveConfig(ente, plugin)
    assert.equal(effective.password, SECRET)
  })

  test('a blank secret keeps the saved one; a new one replaces it', async ({ assert, cleanup }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)

    await settings.configure(ente, manifest.id, { enabled: true, config: validConfig })
    await settings.configure(ente, manifest.id, {
      enabled: true,
      config: { ...validConfig, username: 'altro', password: '' },
    })
    let plugin = (await settings.findInContract(ente, manifest.id))!
    assert.deepEqual(await settings.effectiveConfig(ente, plugin), {
      ...validConfig,
      username: 'altro',
    })
    assert.deepEqual(settings.formState(plugin), {
      values: { endpoint: validConfig.endpoint, username: 'altro' },
      secretsSet: ['password'],
    })

    await settings.configure(ente, manifest.id, {
      enabled: true,
      config: { ...validConfig, password: 'nuova' },
    })
    plugin = (await settings.findInContract(ente, manifest.id))!
    const replaced = await settings.effectiveConfig(ente, plugin)
    assert.equal(replaced.password, 'nuova')
  })

  test("the ciphertext of one ente cannot be read as another ente's", async ({
    assert,
    cleanup,
  }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)
    const other = await EnteFactory.create()
    await setContract(other, [manifest.id])
    await settings.configure(ente, manifest.id, { enabled: true, config: validConfig })

    const { secrets: stolen } = await rawRow(ente.id, manifest.id)
    await EntePlugin.query()
      .where({ enteId: other.id, pluginId: manifest.id })
      .update({ secrets: stolen })

    const plugin = (await settings.findInContract(other, manifest.id))!
    await assert.rejects(() => settings.effectiveConfig(other, plugin), PluginConfigInvalidError)
    assert.deepEqual(settings.formState(plugin).secretsSet, [])
  })

  test('input is validated with the plugin schema; nothing is saved on error', async ({
    assert,
    cleanup,
  }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)

    try {
      await settings.configure(ente, manifest.id, {
        enabled: true,
        config: { endpoint: 'non-un-url', username: '' },
      })
      assert.fail('configure accepted invalid input')
    } catch (error) {
      assert.instanceOf(error, vineErrors.E_VALIDATION_ERROR)
      assert.deepEqual(
        (error as any).messages.map((message: any) => [message.field, message.message]),
        [
          [
            'endpoint',
            'Il campo Indirizzo del servizio deve essere un indirizzo web valido (http:// o https://)',
          ],
          ['username', 'Il campo Utente è obbligatorio'],
          ['password', 'Il campo Password è obbligatorio'],
        ]
      )
    }
    const row = await rawRow(ente.id, manifest.id)
    assert.equal(row.config_version, 1)
    assert.isFalse(Boolean(row.enabled))
  })

  test('each save bumps config_version and records the health check', async ({
    assert,
    cleanup,
  }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)

    const first = await settings.configure(ente, manifest.id, {
      enabled: true,
      config: validConfig,
    })
    assert.equal(first.row.configVersion, 2)
    assert.deepEqual(first.health, { ok: true, message: 'collegato come comune' })

    const second = await settings.configure(ente, manifest.id, {
      enabled: true,
      config: { ...validConfig, endpoint: 'https://down.example.it' },
    })
    assert.equal(second.row.configVersion, 3)
    const row = await EntePlugin.findOrFail(second.row.id)
    assert.equal(row.healthStatus, 'error')
    assert.equal(row.healthMessage, 'Il servizio non risponde (HTTP 503)')
    assert.isNotNull(row.healthCheckedAt)
  })

  test('a plugin outside the contract cannot be configured', async ({ assert, cleanup }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)
    await setContract(ente, [])

    await assert.rejects(
      () => settings.configure(ente, manifest.id, { enabled: true, config: validConfig }),
      /Pagina non trovata/
    )
  })

  test('taking a plugin out of the contract disables it', async ({ assert, cleanup }) => {
    const { manifest } = paymentFixture()
    const { ente, settings, restore } = await setup([manifest])
    cleanup(restore)
    await settings.configure(ente, manifest.id, { enabled: true, config: validConfig })

    await setContract(ente, [])
    const row = await EntePlugin.query()
      .where({ enteId: ente.id, pluginId: manifest.id })
      .firstOrFail()
    assert.isFalse(row.inContract)
    assert.isFalse(row.enabled)
    assert.deepEqual(await settings.enabledOf(ente, 'payment'), [])
  })

  test('only one payment plugin can be enabled at a time', async ({ assert, cleanup }) => {
    const first = paymentFixture({ id: 'payment_first' }).manifest
    const second = paymentFixture({ id: 'payment_second' }).manifest
    const { ente, settings, restore } = await setup([first, second])
    cleanup(restore)
    await settings.configure(ente, first.id, { enabled: true, config: validConfig })

    await assert.rejects(
      () => settings.configure(ente, second.id, { enabled: true, config: validConfig }),
      vineErrors.E_VALIDATION_ERROR
    )
    // saving it disabled is fine
    await settings.configure(ente, second.id, { enabled: false, config: validConfig })
  })

  test('a stored configuration missing a newly required field is reported', async ({
    assert,
    cleanup,
  }) => {
    const before = paymentFixture().manifest
    const { ente, settings, restore } = await setup([before])
    cleanup(restore)
    await settings.configure(ente, before.id, { enabled: true, config: validConfig })
    restore()

    const after = paymentFixture({
      fields: { ...baseFields, siteCode: field.text({ label: 'Codice sito' }) },
    }).manifest
    const upgraded = useTestPlugins([after])
    cleanup(upgraded.restore)
    const settingsAfter = await app.container.make(TenantPlugins)
    const plugin = (await settingsAfter.findInContract(ente, after.id))!
    await assert.rejects(
      () => settingsAfter.effectiveConfig(ente, plugin),
      /plugin "payment_fixture" for ente ".*" is invalid \(siteCode\)/
    )
  })
})
