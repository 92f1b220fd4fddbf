import { definePaymentPlugin } from '#extension_points/payment/contract'
import { AdvancedSystemAdapter } from './adapter.js'
import { AdvancedSystemClient } from './client.js'
import { advancedSystemConfig } from './config.js'
import { simulatorRoutes } from './simulator/routes.js'

const DEFAULT_TIMEOUT_MS = 20_000

/**
 * Advanced System's pagoPA gateway. No public description of its interface
 * was found: the wire format, the outcome push included, is provisional
 * (api.ts) and README.md says so.
 */
export default definePaymentPlugin({
  id: 'payment_advanced_system',
  name: 'Advanced System',
  description: 'Pagamenti pagoPA tramite l’intermediario Advanced System (interfaccia provvisoria)',
  version: '0.1.0',
  vendor: 'Advanced System',
  capabilities: {
    cart: true,
    openPositions: false,
    stamps: false,
    notifications: true,
    cancel: true,
  },
  config: advancedSystemConfig,
  create: ({ config, ente, simulatorUrl }) =>
    new AdvancedSystemAdapter(
      new AdvancedSystemClient({
        baseUrl: config.baseUrl ?? simulatorUrl(''),
        apiKey: config.apiKey,
        codiceEnte: config.codiceEnte ?? ente.codiceFiscale,
        timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      }),
      {
        datiSpecificiRiscossione: config.datiSpecificiRiscossione,
        chiaveNotifiche: config.chiaveNotifiche,
      },
      ente
    ),
  async healthCheck(_context, adapter) {
    try {
      await (adapter as AdvancedSystemAdapter).probe()
      return { ok: true, message: 'Advanced System raggiungibile: accetta la chiave dell’ente' }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },
  simulator: { routes: simulatorRoutes },
  views: new URL('./views/', import.meta.url),
  migrations: new URL('./database/migrations/', import.meta.url),
})
