import { definePaymentPlugin } from '#extension_points/payment/contract'
import { GpdAdapter } from './adapter.js'
import { PagoPaClient } from './client.js'
import { endpointsOf, gpdConfigFields, settingsOf, settingsProblems } from './config.js'
import { simulatorRoutes } from './simulator/routes.js'

/** The health check does not wait as long as a payment would. */
const HEALTH_TIMEOUT_MS = 5000

/**
 * pagoPA directly, with no intermediary: debt positions on GPD (Gestione
 * Posizioni Debitorie), payment through Checkout (one notice or a cart of up
 * to five), receipts from GPD and, where the ente's station receives them,
 * the Nodo's paSendRTV2. The simulator at /_sim/payment_pagopa_gpd/ speaks
 * the same APIs, checked against pagoPA's OpenAPI documents.
 */
export default definePaymentPlugin({
  id: 'payment_pagopa_gpd',
  name: 'pagoPA (GPD e Checkout)',
  description:
    'Posizioni debitorie sulla Gestione Posizioni Debitorie di pagoPA, pagamento con Checkout pagoPA, senza intermediario.',
  version: '1.0.0',
  vendor: 'PagoPA S.p.A.',
  capabilities: {
    cart: true,
    openPositions: false,
    stamps: true,
    notifications: true,
    cancel: true,
  },
  config: gpdConfigFields,
  create: ({ config, ente, logger }) =>
    new GpdAdapter(new PagoPaClient(endpointsOf(config)), settingsOf(config, ente), logger),

  async healthCheck({ config, ente }) {
    const settings = settingsOf(config, ente)
    const problems = settingsProblems(settings)
    if (problems.length) return { ok: false, message: problems.join(' ') }
    const client = new PagoPaClient({ ...endpointsOf(config), timeoutMs: HEALTH_TIMEOUT_MS })
    try {
      // an id GPD cannot hold: 404 proves the service answers and accepts the key
      const probe = await client.getPosition(
        settings.organizationFiscalCode,
        `${settings.organizationFiscalCode}-verifica-configurazione`
      )
      if (probe.status !== 404 && probe.status !== 200) {
        return { ok: false, message: `GPD ha risposto ${probe.status}.` }
      }
      if (client.printConfigured && settings.printTemplateId) {
        const templates = await client.getTemplates()
        const known =
          Array.isArray(templates.body) &&
          templates.body.some((template) => template.templateId === settings.printTemplateId)
        if (!known) {
          return {
            ok: false,
            message: `Il modello di avviso «${settings.printTemplateId}» non è tra quelli del servizio Stampa avvisi.`,
          }
        }
      }
      return { ok: true, message: 'Gestione Posizioni Debitorie raggiungibile' }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },

  simulator: { routes: simulatorRoutes },
  migrations: new URL('./database/migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
})
