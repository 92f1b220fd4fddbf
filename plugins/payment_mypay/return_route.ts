import type { StartPaymentInput } from '#extension_points/payment/contract'
import { paymentReturnRoute, paymentReturnUrl } from '#extension_points/payment/kit/return_route'

/**
 * The citizen's way back from MyPay's checkout. MyPay sends the browser to
 * one address (`enteSILInviaRispostaPagamentoUrl`) adding `idSession` and
 * `esito` (OK, or ERROR for anything else: LandingController); this route,
 * under /:ente/callbacks/payment_mypay/ritorno, picks the platform's address
 * for that outcome.
 */
export function returnUrl(
  routeUrl: (path: string) => string,
  urls: StartPaymentInput['returnUrls']
) {
  return paymentReturnUrl(routeUrl, { ok: urls.success, ko: urls.cancel, errore: urls.error })
}

export const returnRoute = paymentReturnRoute((query) =>
  query.esito === 'OK' ? [query.ok] : [query.errore, query.ko]
)
