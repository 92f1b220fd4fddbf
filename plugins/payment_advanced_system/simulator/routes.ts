import edge from 'edge.js'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import {
  TEST_CARD,
  formatEuro,
  handleTestCardForm,
  htmlPage,
  notFoundPage,
  type CardRefusal,
} from '#extension_points/payment/kit/simulator_kit'
import { faultsRoute, underFault } from './faults.js'
import { handleApi } from './gateway.js'
import { pushOutcome } from './push.js'
import { abandonCart, cart, payCart, positionsOfCart } from './store.js'

/**
 * The simulated Advanced System gateway, mounted at
 * /_sim/payment_advanced_system/ outside production: its API (api.ts), the
 * checkout page where a test card pays (then the outcome push, push.ts),
 * and a fault switch.
 */
export { TEST_CARD }
export const CHECKOUT_PATH = '/checkout'

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

const cartId = (request: PluginHttpRequest) => new URL(request.url).pathname.split('/').pop() ?? ''

async function checkoutPage(
  request: PluginHttpRequest,
  refusal?: CardRefusal
): Promise<PluginHttpResponse> {
  const current = await cart(cartId(request))
  if (!current) return notFoundPage('Carrello inesistente')
  const posizioni = current.stato === 'aperto' ? await positionsOfCart(current) : []
  const body = await edge.render('payment_advanced_system::checkout', {
    concluded: current.stato !== 'aperto',
    urlBack: current.stato === 'pagato' ? current.urlOk : current.urlKo,
    action: new URL(request.url).pathname,
    testCard: TEST_CARD,
    totale: formatEuro(posizioni.reduce((sum, item) => sum + item.importo, 0)),
    posizioni: posizioni.map((item) => ({
      causale: item.causale,
      avviso: formatNoticeCode(item.numeroAvviso),
      importo: formatEuro(item.importo),
    })),
    carta: refusal?.carta ?? '',
    error: refusal?.error,
  })
  return htmlPage(body, refusal ? 422 : 200)
}

export const simulatorRoutes = [
  api('POST', '/enti/:ente/posizioni'),
  api('GET', '/enti/:ente/posizioni'),
  api('GET', '/enti/:ente/posizioni/:iuv'),
  api('GET', '/enti/:ente/posizioni/:iuv/ricevuta'),
  api('POST', '/enti/:ente/posizioni/:iuv/annullamento'),
  api('POST', '/enti/:ente/carrelli'),
  {
    method: 'GET' as const,
    path: `${CHECKOUT_PATH}/:id`,
    handler: (request: PluginHttpRequest) => checkoutPage(request),
  },
  {
    method: 'POST' as const,
    path: `${CHECKOUT_PATH}/:id`,
    csrfExempt: true,
    async handler(request: PluginHttpRequest): Promise<PluginHttpResponse> {
      return handleTestCardForm(request, {
        session: await cart(cartId(request)),
        isOpen: (current) => current.stato === 'aperto',
        page: (refusal) => checkoutPage(request, refusal),
        async abandon(current) {
          await abandonCart(current)
          return current.urlKo
        },
        async pay(current) {
          if (!(await payCart(current))) return null
          for (const iuv of current.iuv) {
            await pushOutcome(current.codiceEnte, iuv, new URL(request.url).origin)
          }
          return current.urlOk
        },
      })
    },
  },
  faultsRoute,
]
