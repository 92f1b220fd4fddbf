import type { StartPaymentInput } from '#extension_points/payment/contract'
import { paymentReturnRoute, paymentReturnUrl } from '#extension_points/payment/kit/return_route'

/**
 * The citizen's way back from Plug&Pay's checkout. Plug&Pay sends the
 * browser to one address (UrlReturn) adding `idTransazione` and `stato`
 * (OK when paid), and to UrlBack when the citizen leaves; this route, under
 * /:ente/callbacks/payment_plugandpay/ritorno, picks the platform's address
 * for that outcome.
 */
export function returnUrl(
  routeUrl: (path: string) => string,
  urls: StartPaymentInput['returnUrls']
) {
  return paymentReturnUrl(routeUrl, { ok: urls.success, ko: urls.error ?? urls.cancel })
}

export const returnRoute = paymentReturnRoute((query) => [
  query.stato === 'OK' ? query.ok : query.ko,
])
