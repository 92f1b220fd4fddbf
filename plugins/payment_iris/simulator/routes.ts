import edge from 'edge.js'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { FAULT_KINDS, injectFault, withFaults, type FaultKind } from './faults.js'
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
export const TEST_CARD = '4242 4242 4242 4242'

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

/** The simulator's base URL, from the URL of a request to one of its paths. */
function baseOf(request: PluginHttpRequest, path: string) {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname.slice(0, url.pathname.length - path.length)}`
}

function soapRoute(service: IrisService) {
  const path = SOAP_PATHS[service]
  return {
    method: 'POST' as const,
    path,
    csrfExempt: true,
    handler: (request: PluginHttpRequest) =>
      withFaults(async (): Promise<PluginHttpResponse> => {
        const base = baseOf(request, path)
        const answer = await processSoap(
          service,
          request.rawBody ?? '',
          request.headers,
          (token) => {
            return `${base}${GATEWAY_PATH}?token=${token}`
          }
        )
        recordExchange({ path, request: request.rawBody ?? '', answer: answer.body })
        return {
          status: answer.statusCode,
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: answer.body,
        }
      }),
  }
}

/** A form body: parsed by the app, raw in the tests' SimulatorServer. */
function formField(request: PluginHttpRequest, name: string) {
  const body = request.body
  if (typeof body === 'string') return new URLSearchParams(body).get(name) ?? undefined
  const value = (body as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' ? value : undefined
}

async function gatewayPage(
  request: PluginHttpRequest,
  token: string,
  extra: { error?: string; carta?: string } = {}
): Promise<PluginHttpResponse> {
  const current = await session(token)
  const html = (data: Record<string, unknown>, status = 200) =>
    edge
      .render('payment_iris::gateway', { concluded: false, error: undefined, carta: '', ...data })
      .then((body) => ({
        status,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body,
      }))
  if (!current) {
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Sessione di pagamento inesistente',
    }
  }
  if (current.stato !== 'aperta') return html({ concluded: true, urlBack: current.urlBack })
  const pendenze = await pendenzeOf(current)
  return html(
    {
      action: new URL(request.url).pathname,
      token,
      testCard: TEST_CARD,
      totale: euro.format(pendenze.reduce((sum, item) => sum + item.importoCents, 0) / 100),
      pendenze: pendenze.map((item) => ({
        causale: item.causale,
        iuv: item.idPagamento,
        importo: euro.format(item.importoCents / 100),
      })),
      ...extra,
    },
    extra.error ? 422 : 200
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
      const current = await session(token)
      if (!current || current.stato !== 'aperta') return gatewayPage(request, token)
      if (formField(request, 'azione') === 'annulla') {
        await failAttempt(current, 'PAG_ANNULLATO')
        return { redirect: current.urlCancel }
      }
      const carta = formField(request, 'carta') ?? ''
      if (carta.replace(/\D/g, '') !== TEST_CARD.replace(/\D/g, '')) {
        await failAttempt(current, 'PAG_NON_ESEGUITO')
        return gatewayPage(request, token, {
          carta,
          error: `La carta non è stata accettata: usa la carta di prova ${TEST_CARD}.`,
        })
      }
      await paySessionAndNotify(current)
      return { redirect: current.urlBack }
    },
  },
  {
    method: 'POST' as const,
    path: '/guasti',
    csrfExempt: true,
    handler(request: PluginHttpRequest): PluginHttpResponse {
      const body = (request.body ?? {}) as { tipo?: string; volte?: number; ritardoMs?: number }
      if (!FAULT_KINDS.includes(body.tipo as FaultKind)) {
        return { status: 400, body: { errore: `tipo: uno di ${FAULT_KINDS.join(', ')}` } }
      }
      injectFault(body.tipo as FaultKind, { times: body.volte, delayMs: body.ritardoMs })
      return { status: 204 }
    },
  },
]
