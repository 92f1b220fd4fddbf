import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { field } from '#plugin_runtime/config_fields'
import { PluginRegistry } from '#plugin_runtime/registry'
import { PluginManifestError } from '#plugin_runtime/errors'
import { baseFields, paymentFixture } from '#tests/unit/plugin_runtime/fixtures'

function rejection(manifest: unknown): PluginManifestError {
  try {
    new PluginRegistry({ production: false }).register(manifest)
  } catch (error) {
    if (error instanceof PluginManifestError) return error
    throw error
  }
  throw new Error('the manifest was accepted')
}

const valid = () => paymentFixture().manifest

test.group('Plugin registry: manifest validation', () => {
  test('a well-formed manifest is registered', ({ assert }) => {
    const registry = new PluginRegistry({ production: false })
    const manifest = registry.register(valid())
    assert.deepEqual(registry.installed(), [manifest])
  })

  test('{0}')
    .with<[string, () => unknown, string][]>([
      [
        'id not in the <point>_<vendor> form',
        () => ({ ...valid(), id: 'Payment-X' }),
        'id "Payment-X" must match ^<point>_[a-z0-9_]+$',
      ],
      [
        'id of another point',
        () => ({ ...valid(), id: 'messaging_x' }),
        'id "messaging_x" must start with "payment_"',
      ],
      [
        'unknown point',
        () => ({ ...valid(), point: 'payments', id: 'payments_x' }),
        'point "payments" is not one of identity, payment, protocol, messaging',
      ],
      [
        'version not semver',
        () => ({ ...valid(), version: '1.0' }),
        'version "1.0" is not a semver version',
      ],
      [
        'capability not boolean',
        () => ({ ...valid(), capabilities: { refunds: 'yes' } }),
        'capability "refunds" must be true or false, got "yes"',
      ],
      [
        'field without label',
        () => ({ ...valid(), config: { endpoint: { ...baseFields.endpoint, label: '' } } }),
        'config field "endpoint": label must be a non-empty string',
      ],
      [
        'field with an unknown input',
        () => ({
          ...valid(),
          config: { colour: { ...field.text({ label: 'Colore' }), input: 'colour' } },
        }),
        'config field "colour": input "colour" is not one of',
      ],
      [
        'select without options',
        () => ({
          ...valid(),
          config: { mode: { ...field.text({ label: 'Modo' }), input: 'select' } },
        }),
        'config field "mode": a select field needs a non-empty list of { value, label } options',
      ],
      [
        'schema that is not VineJS',
        () => ({
          ...valid(),
          config: { endpoint: { ...baseFields.endpoint, schema: { type: 'string' } } },
        }),
        'config field "endpoint": schema must be a VineJS schema',
      ],
      [
        'field name that breaks form inputs',
        () => ({ ...valid(), config: { 'api.key': field.text({ label: 'Chiave' }) } }),
        'config field "api.key": the name must be letters',
      ],
      [
        'secret field shown as text',
        () => ({
          ...valid(),
          config: { token: { ...field.text({ label: 'Token' }), secret: true } },
        }),
        'config field "token": a secret field must use a password input',
      ],
      [
        'password input stored in clear',
        () => ({
          ...valid(),
          config: { token: { ...field.secret({ label: 'Token' }), secret: false } },
        }),
        'config field "token": a password input must be a secret field',
      ],
      [
        'secret with a default',
        () => ({
          ...valid(),
          config: { token: { ...field.secret({ label: 'Token' }), default: 'abc' } },
        }),
        'config field "token": a secret field cannot have a default',
      ],
      [
        'secrets outside the fields',
        () => ({ ...valid(), secrets: { apiKey: 'abc' } }),
        '"secrets" is not a manifest key: secrets are config fields declared with field.secret()',
      ],
      [
        'create not a function',
        () => ({ ...valid(), create: 'new Adapter()' }),
        'create must be a function building the adapter',
      ],
      [
        'route path without slash',
        () => ({ ...valid(), routes: [{ method: 'POST', path: 'notify', handler: () => ({}) }] }),
        'routes[0]: path must start with "/"',
      ],
      [
        'route on the path the platform serves for the point',
        () => ({ ...valid(), routes: [{ method: 'POST', path: '/notify', handler: () => ({}) }] }),
        'routes[0]: /notify is served by the platform for this extension point',
      ],
      ['views as a string', () => ({ ...valid(), views: './views' }), 'views must be a file URL'],
      [
        'job name in camelCase',
        () => ({ ...valid(), jobs: { pollPayments: async () => {} } }),
        'job "pollPayments": the name must be lowercase snake_case',
      ],
    ])
    .run(({ assert }, [, build, message]) => {
      const error = rejection(build())
      assert.match(error.message, /^Invalid plugin manifest "/)
      assert.isTrue(
        error.problems.some((problem) => problem.includes(message)),
        `expected "${message}" among: ${error.problems.join(' | ')}`
      )
    })

  test('every problem of a manifest is reported at once', ({ assert }) => {
    const error = rejection({ ...valid(), version: 'x', capabilities: { a: 1 }, create: null })
    assert.lengthOf(error.problems, 3)
  })

  test('an id installed twice is rejected', ({ assert }) => {
    const registry = new PluginRegistry({ production: false })
    registry.register(valid())
    assert.throws(() => registry.register(valid()), /installed twice/)
  })

  test('a config/plugins.ts entry without default export is named in the error', async ({
    assert,
  }) => {
    const registry = new PluginRegistry({ production: false })
    await assert.rejects(
      () =>
        registry.load([async () => ({ default: valid() }), async () => ({ default: undefined })]),
      /config\/plugins.ts entry 2[\s\S]*no default export/
    )
    assert.lengthOf(registry.installed(), 1)
  })

  test('a select field with options and a custom VineJS schema is accepted', ({ assert }) => {
    const registry = new PluginRegistry({ production: false })
    const manifest = registry.register({
      ...valid(),
      config: {
        mode: field.select({ label: 'Ambiente', options: [{ value: 'test', label: 'Collaudo' }] }),
        code: { ...field.text({ label: 'Codice' }), schema: vine.string().regex(/^[A-Z]{3}$/) },
      },
    })
    assert.equal(manifest.id, 'payment_fixture')
  })
})

test.group('Plugin registry: allowed plugins', () => {
  test('demo plugins are allowed outside production only', ({ assert }) => {
    const production = new PluginRegistry({ production: true })
    const development = new PluginRegistry({ production: false })
    for (const registry of [production, development]) {
      registry.register(paymentFixture({ id: 'payment_real' }).manifest)
      registry.register(paymentFixture({ id: 'payment_demo', demo: true }).manifest)
    }

    assert.deepEqual(
      production.allowed().map((manifest) => manifest.id),
      ['payment_real']
    )
    assert.isUndefined(production.findAllowed('payment_demo'))
    assert.lengthOf(production.installed(), 2)
    assert.deepEqual(
      development.allowed('payment').map((manifest) => manifest.id),
      ['payment_real', 'payment_demo']
    )
    assert.deepEqual(development.allowed('identity'), [])
  })
})
