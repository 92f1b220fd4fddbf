import type { PluginContext } from '#extension_points/define_plugin'
import { definePaymentPlugin } from '#extension_points/payment/contract'
import type { InferConfig } from '#extension_points/config_fields'
import { IrisAdapter } from './adapter.js'
import { IrisClient } from './client.js'
import { irisConfig } from './config.js'
import { IrisLedger } from './ledger.js'
import { simulatorRoutes, SOAP_PATHS } from './simulator/routes.js'

type Config = InferConfig<typeof irisConfig>

const DEFAULT_TIMEOUT_MS = 20_000

function clientFor({ config, simulatorUrl }: PluginContext<Config>) {
  return new IrisClient({
    posizioni: config.endpointPosizioni ?? simulatorUrl(SOAP_PATHS.posizioni),
    verifica: config.endpointVerifica ?? simulatorUrl(SOAP_PATHS.verifica),
    username: config.username,
    password: config.password,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  })
}

/**
 * IRIS, the pagoPA intermediary of Regione Toscana (TAS): pendenze by
 * IdpAllineamentoPendenze, checkout on IRIS's gateway ("On-The-Fly"),
 * states and receipts by IdpVerificaStatoPagamenti, pushes by
 * IdpInformativaPagamento. See README.md for what is confirmed.
 */
export default definePaymentPlugin({
  id: 'payment_iris',
  name: 'IRIS (Regione Toscana)',
  description: 'Pagamenti pagoPA tramite IRIS, l’intermediario della Regione Toscana',
  version: '1.0.0',
  vendor: 'Regione Toscana / TAS',
  capabilities: {
    cart: true,
    openPositions: false,
    stamps: true,
    notifications: true,
    cancel: false,
  },
  config: irisConfig,
  create: (context) =>
    new IrisAdapter(
      clientFor(context),
      new IrisLedger(context.ente.id),
      {
        codiceEnte: context.config.codiceEnte,
        codiceApplicazione: context.config.codiceApplicazione,
        tipoPendenza: context.config.tipoPendenza,
        segregationCode: context.config.codiceSegregazione,
        notifica: context.config.notificaUsername
          ? {
              username: context.config.notificaUsername,
              password: context.config.notificaPassword ?? '',
            }
          : undefined,
      },
      context.ente
    ),
  async healthCheck(_context, adapter) {
    try {
      await (adapter as IrisAdapter).probe()
      return { ok: true, message: 'IRIS raggiungibile: accetta le richieste dell’ente' }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },
  simulator: { routes: simulatorRoutes },
  views: new URL('./views/', import.meta.url),
  migrations: new URL('./database/migrations/', import.meta.url),
})
