import edge from 'edge.js'
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
import { faultsRoute, withFaults } from './faults.js'
import { recordExchange } from './journal.js'
import { paySessionAndNotify } from './payments.js'
import { processSoap, type IrisService } from './services.js'
import { failAttempt, pendenzeOf, session } from './store.js'

/**
 * The simulated IRIS, mounted at /_sim/payment_iris/ outside production:
 * its two SOAP services (the paths end as the CART's do), the payment
 * gateway's page where a test card pays, and a fault switch.
 */
export const SOAP_PATHS: Record<IrisService, string> = {
  posizioni: '/ComunicazionePosizioniDebitorieOTF',
  verifica: '/VerificaStatoPagamento',
}
export const GATEWAY_PATH = '/gateway'
export { TEST_CARD }

function soapRoute(service: IrisService) {
  const path = SOAP_PATHS[service]
  return soapServiceRoute(path, withFaults, async (request, base) => {
    const answer = await processSoap(
      service,
      request.rawBody ?? '',
      request.headers,
      (token) => `${base}${GATEWAY_PATH}?token=${token}`
    )
    recordExchange({ path, request: request.rawBody ?? '', answer: answer.body })
    return { status: answer.statusCode, body: answer.body }
  })
}

async function gatewayPage(
  request: PluginHttpRequest,
  token: string,
  refusal?: CardRefusal
): Promise<PluginHttpResponse> {
  const current = await session(token)
  const html = (data: Record<string, unknown>, status = 200) =>
    edge
      .render('payment_iris::gateway', { concluded: false, error: undefined, carta: '', ...data })
      .then((body) => htmlPage(body, status))
  if (!current) return notFoundPage('Sessione di pagamento inesistente')
  if (current.stato !== 'aperta') return html({ concluded: true, urlBack: current.urlBack })
  const pendenze = await pendenzeOf(current)
  return html(
    {
      action: new URL(request.url).pathname,
      token,
      testCard: TEST_CARD,
      totale: formatEuro(pendenze.reduce((sum, item) => sum + item.importoCents, 0)),
      pendenze: pendenze.map((item) => ({
        causale: item.causale,
        iuv: item.idPagamento,
        importo: formatEuro(item.importoCents),
      })),
      ...refusal,
    },
    refusal ? 422 : 200
  )
}

export const simulatorRoutes = [
  soapRoute('posizioni'),
  soapRoute('verifica'),
  {
    method: 'GET' as const,
    path: GATEWAY_PATH,
    handler: (request: PluginHttpRequest) =>
      gatewayPage(request, String(request.query.token ?? '')),
  },
  {
    method: 'POST' as const,
    path: GATEWAY_PATH,
    csrfExempt: true,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      const token = formField(request, 'token') ?? ''
      return handleTestCardForm(request, {
        session: await session(token),
        isOpen: (current) => current.stato === 'aperta',
        page: (refusal) => gatewayPage(request, token, refusal),
        async abandon(current) {
          await failAttempt(current, 'PAG_ANNULLATO')
          return current.urlCancel
        },
        refused: (current) => failAttempt(current, 'PAG_NON_ESEGUITO'),
        async pay(current) {
          await paySessionAndNotify(current)
          return current.urlBack
        },
      })
    },
  },
  faultsRoute,
]
