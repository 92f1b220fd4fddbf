import edge from 'edge.js'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import { FAULT_KINDS, injectFault, underFault, type FaultKind } from './faults.js'
import { handleApi } from './gateway.js'
import { abandonCart, cart, payCart, positionsOfCart } from './store.js'

/**
 * The simulated Advanced System gateway, mounted at
 * /_sim/payment_advanced_system/ outside production: its API (api.ts), the
 * checkout page where a test card pays, and a fault switch.
 */
export const TEST_CARD = '4242 4242 4242 4242'
export const CHECKOUT_PATH = '/checkout'

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' })

/** The simulator's base URL: what precedes /enti/ or /checkout/ in the request's path. */
function baseOf(request: PluginHttpRequest, marker: string) {
  const url = new URL(request.url)
  return `${url.origin}${url.pathname.slice(0, url.pathname.lastIndexOf(marker))}`
}

const api = (method: 'GET' | 'POST', path: string) => ({
  method,
  path,
  csrfExempt: true,
  handler: (request: PluginHttpRequest) =>
    underFault(() =>
      handleApi(request, (id) => `${baseOf(request, '/enti/')}${CHECKOUT_PATH}/${id}`)
    ),
})

function formField(request: PluginHttpRequest, name: string) {
  const body = request.body
  if (typeof body === 'string') return new URLSearchParams(body).get(name) ?? undefined
  const value = (body as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' ? value : undefined
}

const cartId = (request: PluginHttpRequest) => new URL(request.url).pathname.split('/').pop() ?? ''

async function checkoutPage(
  request: PluginHttpRequest,
  extra: { error?: string; carta?: string } = {}
): Promise<PluginHttpResponse> {
  const current = await cart(cartId(request))
  if (!current) {
    return {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Carrello inesistente',
    }
  }
  const posizioni = current.stato === 'aperto' ? await positionsOfCart(current) : []
  const body = await edge.render('payment_advanced_system::checkout', {
    concluded: current.stato !== 'aperto',
    urlBack: current.stato === 'pagato' ? current.urlOk : current.urlKo,
    action: new URL(request.url).pathname,
    testCard: TEST_CARD,
    totale: euro.format(posizioni.reduce((sum, item) => sum + item.importo, 0) / 100),
    posizioni: posizioni.map((item) => ({
      causale: item.causale,
      avviso: formatNoticeCode(item.numeroAvviso),
      importo: euro.format(item.importo / 100),
    })),
    carta: extra.carta ?? '',
    error: extra.error,
  })
  return {
    status: extra.error ? 422 : 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body,
  }
}

export const simulatorRoutes = [
  api('POST', '/enti/:ente/posizioni'),
  api('GET', '/enti/:ente/posizioni'),
  api('GET', '/enti/:ente/posizioni/:iuv'),
  api('GET', '/enti/:ente/posizioni/:iuv/ricevuta'),
  api('POST', '/enti/:ente/posizioni/:iuv/annullamento'),
  api('POST', '/enti/:ente/carrelli'),
  { method: 'GET' as const, path: `${CHECKOUT_PATH}/:id`, handler: checkoutPage },
  {
    method: 'POST' as const,
    path: `${CHECKOUT_PATH}/:id`,
    csrfExempt: true,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      const current = await cart(cartId(request))
      if (!current || current.stato !== 'aperto') return checkoutPage(request)
      if (formField(request, 'azione') === 'annulla') {
        await abandonCart(current)
        return { redirect: current.urlKo }
      }
      const carta = formField(request, 'carta') ?? ''
      if (carta.replace(/\D/g, '') !== TEST_CARD.replace(/\D/g, '')) {
        return checkoutPage(request, {
          carta,
          error: `La carta non è stata accettata: usa la carta di prova ${TEST_CARD}.`,
        })
      }
      // a second submission finds the cart closed: nothing is paid twice
      if (!(await payCart(current))) return checkoutPage(request)
      return { redirect: current.urlOk }
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
