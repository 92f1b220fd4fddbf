import type { PluginRoute } from '#extension_points/define_plugin'
import type { PaymentAdapter, StartPaymentInput } from '#extension_points/payment/contract'

/**
 * The citizen's way back from Plug&Pay's checkout. Plug&Pay sends the
 * browser to one address (UrlReturn) adding `idTransazione` and `stato`
 * (OK when paid), and to UrlBack when the citizen leaves; the platform has
 * an address per outcome: this route, under
 * /:ente/callbacks/payment_plugandpay/ritorno, carries them and picks one.
 * It only ever sends the browser into the same ente's pages, and changes
 * nothing: the outcome is what Plug&Pay reports when asked.
 */
export const RETURN_PATH = '/ritorno'

export function returnUrl(
  routeUrl: (path: string) => string,
  urls: StartPaymentInput['returnUrls']
) {
  return `${routeUrl(RETURN_PATH)}?${new URLSearchParams({ ok: urls.success, ko: urls.error ?? urls.cancel })}`
}

/** An address inside the ente's own site, or null. */
function insideEnte(target: unknown, enteBaseUrl: string) {
  if (typeof target !== 'string') return null
  try {
    const url = new URL(target)
    const base = new URL(enteBaseUrl)
    const basePath = base.pathname.replace(/\/+$/, '')
    const inside =
      url.origin === base.origin &&
      (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))
    return inside ? url.toString() : null
  } catch {
    return null
  }
}

export const returnRoute: PluginRoute<PaymentAdapter, unknown> = {
  method: 'GET',
  path: RETURN_PATH,
  handler({ request, context }) {
    const { query } = request
    const target = insideEnte(query.stato === 'OK' ? query.ok : query.ko, context.ente.baseUrl)
    if (!target) {
      return {
        status: 400,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Indirizzo di ritorno dal pagamento non valido.',
      }
    }
    return { redirect: target }
  },
}
