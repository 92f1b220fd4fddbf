import { definePlugin } from '#plugin_runtime/define_plugin'
import { field, type ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Fixture manifests for the plugin runtime's own tests. Each call returns
 * a new manifest object, as re-installing a plugin would.
 */

export const baseFields = {
  endpoint: field.url({ label: 'Indirizzo del servizio', help: "Fornito dall'intermediario" }),
  username: field.text({ label: 'Utente' }),
  password: field.secret({ label: 'Password' }),
}

export interface FixtureAdapter {
  config: Record<string, unknown>
  serial: number
}

/**
 * A payment plugin whose adapter records the configuration it was built
 * with. The health check succeeds unless the endpoint contains "down".
 */
export function paymentFixture<Fields extends ConfigFields = typeof baseFields>(
  options: { id?: string; fields?: Fields; demo?: boolean } = {}
) {
  const builds: FixtureAdapter[] = []
  const manifest = definePlugin({
    id: options.id ?? 'payment_fixture',
    point: 'payment',
    name: 'Intermediario di prova',
    description: 'Plugin di pagamento per i test del runtime',
    version: '1.2.3',
    demo: options.demo,
    capabilities: { refunds: false },
    config: (options.fields ?? baseFields) as Fields,
    create(context) {
      const adapter = { config: { ...context.config }, serial: builds.length + 1 }
      builds.push(adapter)
      return adapter
    },
    async healthCheck(context) {
      return String(context.config.endpoint).includes('down')
        ? { ok: false, message: 'Il servizio non risponde (HTTP 503)' }
        : { ok: true, message: 'collegato come ' + String(context.config.username) }
    },
  })
  return { manifest, builds }
}
