import type { PluginRoute } from '#extension_points/define_plugin'
import type { PaymentAdapter, StartPaymentInput } from '#extension_points/payment/contract'

/**
 * The citizen's way back from MyPay's checkout. MyPay sends the browser to
 * one address (`enteSILInviaRispostaPagamentoUrl`) adding `idSession` and
 * `esito` (OK, or ERROR for anything else: LandingController), while the
 * platform has an address per outcome: this route, under
 * /:ente/callbacks/payment_mypay/ritorno, carries them and picks one.
 * It only ever sends the browser into the same ente's pages.
 */
export const RETURN_PATH = '/ritorno'

export function returnUrl(
  routeUrl: (path: string) => string,
  urls: StartPaymentInput['returnUrls']
) {
  const query = new URLSearchParams({ ok: urls.success, ko: urls.cancel })
  if (urls.error) query.set('errore', urls.error)
  return `${routeUrl(RETURN_PATH)}?${query}`
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
    const target =
      query.esito === 'OK'
        ? insideEnte(query.ok, context.ente.baseUrl)
        : (insideEnte(query.errore, context.ente.baseUrl) ??
          insideEnte(query.ko, context.ente.baseUrl))
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
