import { definePaymentPlugin } from '#extension_points/payment/contract'
import type { PluginContext } from '#extension_points/define_plugin'
import { MyPayAdapter } from './adapter.js'
import { MyPayClient } from './client.js'
import { DEFAULT_TIMEOUT_SECONDS, myPayConfig, type MyPayConfig } from './config.js'
import { PAGOPA_CHECKOUT_URL } from './pagopa_checkout.js'
import { returnRoute } from './return_route.js'
import { simulatorRoutes } from './simulator/routes.js'

/**
 * MyPay (Regione del Veneto and the regions that reuse it): pagoPA
 * positions through its SOAP services for enti, from the real WSDL.
 * Empty address: this installation's simulated MyPay (/_sim/payment_mypay/).
 */
async function connect({ config, ente, simulatorUrl }: PluginContext<MyPayConfig>) {
  const codIpaEnte = config.codIpaEnte || ente.codiceIpa
  if (!codIpaEnte) {
    throw new Error('payment_mypay: l’ente non ha un codice IPA: indicalo nelle impostazioni')
  }
  const timeoutMs = (config.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000
  const baseUrl = config.baseUrl || simulatorUrl('')
  const client = await MyPayClient.connect({
    baseUrl,
    codIpaEnte,
    password: config.password,
    timeoutMs,
  })
  return { client, codIpaEnte, timeoutMs }
}

export default definePaymentPlugin({
  id: 'payment_mypay',
  name: 'MyPay',
  description: 'Pagamenti pagoPA con MyPay (Regione del Veneto e regioni che lo riusano)',
  version: '1.0.0',
  vendor: 'Regione del Veneto',
  capabilities: {
    cart: true,
    openPositions: true,
    stamps: true,
    notifications: true,
    cancel: true,
  },
  config: myPayConfig,
  async create(context) {
    const { client, codIpaEnte, timeoutMs } = await connect(context)
    const { config, simulatorUrl } = context
    return new MyPayAdapter(client, {
      ente: context.ente,
      codIpaEnte,
      tipoDovuto: config.tipoDovuto,
      datiSpecificiRiscossione: config.datiSpecificiRiscossione,
      jwtSecret: config.jwtSecret,
      jwtClientId: config.jwtClientId,
      checkoutUrl:
        config.checkoutUrl ||
        (config.baseUrl ? PAGOPA_CHECKOUT_URL : simulatorUrl('/checkout/ec/v1')),
      timeoutMs,
      routeUrl: context.routeUrl,
    })
  },
  async healthCheck(context) {
    const { client } = await connect({
      ...context,
      config: { ...context.config, timeoutSeconds: 5 },
    })
    try {
      // an IUD that cannot exist: MyPay checks the ente and its password first
      const answer = await client.chiediPagatiConRicevuta({ iud: 'sdc-verifica-collegamento' })
      if (answer.fault?.faultCode === 'PAA_ENTE_NON_VALIDO') {
        return { ok: false, message: `MyPay rifiuta le credenziali: ${answer.fault.faultString}` }
      }
      return { ok: true, message: 'MyPay raggiungibile, credenziali accettate' }
    } catch (error) {
      return { ok: false, message: (error as Error).message }
    }
  },
  routes: [returnRoute],
  views: new URL('./views/', import.meta.url),
  migrations: new URL('./database/migrations/', import.meta.url),
  simulator: { routes: simulatorRoutes },
})
