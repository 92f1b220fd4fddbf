import { defineProtocolPlugin } from '#extension_points/protocol/contract'
import { field } from '#extension_points/config_fields'
import { TestRegisterAdapter } from './adapter.js'
import { TestRegisterClient } from './client.js'
import { simulatorRoutes } from './simulator/routes.js'

/**
 * A protocol register for development and tests: real protocol numbers
 * through the protocol extension point, from a simulated register (its
 * HTTP API at /_sim/protocol_test_register/, its data in its own tables).
 * Never in production.
 */
export default defineProtocolPlugin({
  id: 'protocol_test_register',
  name: 'Registro di protocollo di prova',
  description: 'Protocolla le pratiche in un registro simulato, per lo sviluppo e i test.',
  version: '1.0.0',
  vendor: 'Stanza del Cittadino',
  demo: true,
  capabilities: { folders: true },
  config: {
    aoo: field.text({
      label: 'Codice AOO',
      help: 'Area organizzativa omogenea: ogni AOO ha la sua numerazione',
    }),
    baseUrl: field.url({
      label: 'Indirizzo del registro',
      help: 'Vuoto: il registro simulato di questa installazione',
      optional: true,
    }),
  },
  create: ({ config, simulatorUrl }) =>
    new TestRegisterAdapter(new TestRegisterClient(config.baseUrl ?? simulatorUrl('')), config.aoo),
  async healthCheck({ config, simulatorUrl }) {
    const client = new TestRegisterClient(config.baseUrl ?? simulatorUrl(''), 3000)
    try {
      const state = await client.call<{ documenti: number }>('GET', '/stato')
      return { ok: true, message: `Registro raggiungibile (${state?.documenti ?? 0} documenti)` }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },
  simulator: { routes: simulatorRoutes },
  migrations: new URL('./database/migrations/', import.meta.url),
})
