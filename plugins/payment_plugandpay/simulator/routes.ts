import edge from 'edge.js'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import type { Service } from '../messages.js'
import { FAULT_KINDS, injectFault, withFaults, type FaultKind } from './faults.js'
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
export const TEST_CARD = '4242 4242 4242 4242'

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

/** The simulator's base URL, from the URL of a request to one of its paths. */
function baseOf(request: PluginHttpRequest, path: string) {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname.slice(0, url.pathname.length - path.length)}`
}

function soapRoute(service: Service) {
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
          (id) => `${base}${CHECKOUT_PATH}?idTransazione=${id}`
        )
        return {
          status: answer.status,
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
  extra: { error?: string; carta?: string } = {}
): Promise<PluginHttpResponse> {
  const current = await transazione(id)
  if (!current) {
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Transazione di pagamento inesistente',
    }
  }
  const posizioni = current.stato === 'aperta' ? await posizioniOfTransazione(current) : []
  const body = await edge.render('payment_plugandpay::checkout', {
    concluded: current.stato !== 'aperta',
    urlBack: current.stato === 'pagata' ? returnTo(current, 'OK') : current.urlBack,
    action: new URL(request.url).pathname,
    idTransazione: id,
    testCard: TEST_CARD,
    totale: euro.format(posizioni.reduce((sum, item) => sum + item.dati.importoCents, 0) / 100),
    posizioni: posizioni.map((item) => ({
      causale: item.dati.causale,
      avviso: formatNoticeCode(`3${item.dati.iuv}`),
      importo: euro.format(item.dati.importoCents / 100),
    })),
    carta: '',
    error: undefined,
    ...extra,
  })
  return {
    status: extra.error ? 422 : 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body,
  }
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
      const current = await transazione(id)
      if (!current || current.stato !== 'aperta') return checkoutPage(request, id)
      if (formField(request, 'azione') === 'annulla') {
        await abandonTransazione(current)
        return { redirect: current.urlBack }
      }
      const carta = formField(request, 'carta') ?? ''
      if (carta.replace(/\D/g, '') !== TEST_CARD.replace(/\D/g, '')) {
        return checkoutPage(request, id, {
          carta,
          error: `La carta non è stata accettata: usa la carta di prova ${TEST_CARD}.`,
        })
      }
      // a second submission finds the transaction closed: nothing is paid twice
      if (!(await payTransazione(current, new Date()))) return checkoutPage(request, id)
      return { redirect: returnTo(current, 'OK') }
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
