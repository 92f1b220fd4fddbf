import edge from 'edge.js'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import {
  TEST_CARD,
  formField,
  formatEuro,
  handleTestCardForm,
  htmlPage,
  notFoundPage,
  soapServiceRoute,
  type CardRefusal,
} from '#extension_points/payment/kit/simulator_kit'
import type { Service } from '../messages.js'
import { faultsRoute, withFaults } from './faults.js'
import { processSoap } from './services.js'
import {
  abandonTransazione,
  payTransazione,
  posizioniOfTransazione,
  transazione,
  type SimTransazione,
} from './store.js'

/**
 * The simulated Plug&Pay, mounted at /_sim/payment_plugandpay/ outside
 * production: its four SOAP services (at the paths of Plug&Pay's own
 * hosts), the checkout page where a test card pays, and a fault switch.
 */
export const SOAP_PATHS: Record<Service, string> = {
  feed: '/Feed/DigitBusFeed.svc',
  deliver: '/Deliver/DigitBusDeliver.svc',
  payment: '/Payment/DigitBusPayment.svc',
  generatorPdf: '/GeneratorPdf.svc',
}
export const CHECKOUT_PATH = '/pagamento'
export { TEST_CARD }

function soapRoute(service: Service) {
  return soapServiceRoute(SOAP_PATHS[service], withFaults, (request, base) =>
    processSoap(
      service,
      request.rawBody ?? '',
      request.headers,
      (id) => `${base}${CHECKOUT_PATH}?idTransazione=${id}`
    )
  )
}

/** Where Plug&Pay sends the citizen at the end: UrlReturn with idTransazione and stato. */
function returnTo(current: SimTransazione, stato: 'OK' | 'KO') {
  const url = new URL(current.urlReturn)
  url.searchParams.set('idTransazione', current.id)
  url.searchParams.set('stato', stato)
  return url.toString()
}

async function checkoutPage(
  request: PluginHttpRequest,
  id: string,
  refusal?: CardRefusal
): Promise<PluginHttpResponse> {
  const current = await transazione(id)
  if (!current) return notFoundPage('Transazione di pagamento inesistente')
  const posizioni = current.stato === 'aperta' ? await posizioniOfTransazione(current) : []
  const body = await edge.render('payment_plugandpay::checkout', {
    concluded: current.stato !== 'aperta',
    urlBack: current.stato === 'pagata' ? returnTo(current, 'OK') : current.urlBack,
    action: new URL(request.url).pathname,
    idTransazione: id,
    testCard: TEST_CARD,
    totale: formatEuro(posizioni.reduce((sum, item) => sum + item.dati.importoCents, 0)),
    posizioni: posizioni.map((item) => ({
      causale: item.dati.causale,
      avviso: formatNoticeCode(`3${item.dati.iuv}`),
      importo: formatEuro(item.dati.importoCents),
    })),
    carta: refusal?.carta ?? '',
    error: refusal?.error,
  })
  return htmlPage(body, refusal ? 422 : 200)
}

export const simulatorRoutes = [
  soapRoute('feed'),
  soapRoute('deliver'),
  soapRoute('payment'),
  soapRoute('generatorPdf'),
  {
    method: 'GET' as const,
    path: CHECKOUT_PATH,
    handler: (request: PluginHttpRequest) =>
      checkoutPage(request, String(request.query.idTransazione ?? '')),
  },
  {
    method: 'POST' as const,
    path: CHECKOUT_PATH,
    csrfExempt: true,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      const id = formField(request, 'idTransazione') ?? ''
      return handleTestCardForm(request, {
        session: await transazione(id),
        isOpen: (current) => current.stato === 'aperta',
        page: (refusal) => checkoutPage(request, id, refusal),
        async abandon(current) {
          await abandonTransazione(current)
          return current.urlBack
        },
        async pay(current) {
          return (await payTransazione(current, new Date())) ? returnTo(current, 'OK') : null
        },
      })
    },
  },
  faultsRoute,
]
