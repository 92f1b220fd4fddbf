import type { PluginContext } from '#extension_points/define_plugin'
import { definePaymentPlugin } from '#extension_points/payment/contract'
import type { InferConfig } from '#extension_points/config_fields'
import { PlugAndPayAdapter } from './adapter.js'
import { PlugAndPayClient } from './client.js'
import { plugAndPayConfig } from './config.js'
import { PlugAndPayLedger } from './ledger.js'
import { returnRoute } from './return_route.js'
import { SOAP_PATHS, simulatorRoutes } from './simulator/routes.js'

type Config = InferConfig<typeof plugAndPayConfig>

const DEFAULT_TIMEOUT_MS = 20_000

function clientFor({ config, simulatorUrl }: PluginContext<Config>) {
  return new PlugAndPayClient(
    {
      feed: config.endpointFeed ?? simulatorUrl(SOAP_PATHS.feed),
      deliver: config.endpointDeliver ?? simulatorUrl(SOAP_PATHS.deliver),
      payment: config.endpointPayment ?? simulatorUrl(SOAP_PATHS.payment),
      generatorPdf: config.endpointGeneratorPdf ?? simulatorUrl(SOAP_PATHS.generatorPdf),
    },
    config.timeoutMs ?? DEFAULT_TIMEOUT_MS
  )
}

/**
 * Plug&Pay, E-Fil's pagoPA intermediary: positions
 * loaded by its Feed service, read by Deliver, paid in a cart by Payment.
 * See README.md for what is confirmed by public sources.
 */
export default definePaymentPlugin({
  id: 'payment_plugandpay',
  name: 'Plug&Pay (E-Fil)',
  description: 'Pagamenti pagoPA tramite Plug&Pay di E-Fil',
  version: '1.0.0',
  vendor: 'E-Fil',
  capabilities: {
    cart: true,
    openPositions: true,
    stamps: false,
    notifications: false,
    cancel: true,
  },
  config: plugAndPayConfig,
  create: (context) =>
    new PlugAndPayAdapter(
      clientFor(context),
      new PlugAndPayLedger(context.ente.id),
      {
        idApplicazione: context.config.idApplicazione,
        codiceEnte: context.config.codiceEnte,
        codiceServizio: context.config.codiceServizio,
        idGestionale: context.config.idGestionale,
        segregationCode: context.config.codiceSegregazione,
        routeUrl: context.routeUrl,
      },
      context.ente
    ),
  async healthCheck(_context, adapter) {
    try {
      await (adapter as PlugAndPayAdapter).probe()
      return { ok: true, message: 'Plug&Pay raggiungibile: accetta l’IdApplicazione dell’ente' }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },
  routes: [returnRoute],
  simulator: { routes: simulatorRoutes },
  views: new URL('./views/', import.meta.url),
  migrations: new URL('./database/migrations/', import.meta.url),
})
