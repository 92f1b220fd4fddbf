import { PaymentRefusedError, RemoteUnavailableError } from '#extension_points/payment/errors'

/**
 * pagoPA Checkout's "EC API" (specs/pagopa/openapi/checkout_v1.json,
 * `POST /carts` → 302 to the checkout): how several MyPay notices are paid
 * together. MyPay's SOAP services open a checkout only for one IUV
 * (paaSILVerificaAvviso) or for new dovuti (paaSILInviaCarrelloDovuti,
 * which refuses an IUD already imported), while its notices are pagoPA
 * notices any pagoPA channel can pay, a cart of up to five included:
 * MyPay itself builds such a cart for its own checkout ("modello unico").
 */
export const PAGOPA_CHECKOUT_URL = 'https://api.platform.pagopa.it/checkout/ec/v1'

export interface CartNotice {
  noticeNumber: string
  fiscalCode: string
  amount: number
  companyName: string
  description: string
}

export async function openPagoPaCart(
  checkoutUrl: string,
  cart: {
    paymentNotices: CartNotice[]
    returnUrls: { returnOkUrl: string; returnCancelUrl: string; returnErrorUrl: string }
    emailNotice?: string
    idCart: string
  },
  timeoutMs: number
): Promise<string> {
  let response: Response
  try {
    response = await fetch(`${checkoutUrl.replace(/\/+$/, '')}/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ ...cart, allCCP: false }),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new RemoteUnavailableError({ reason: 'checkout_unreachable', cause: error })
  }
  const location = response.headers.get('location')
  if (response.status === 302 && location) return new URL(location, checkoutUrl).toString()
  if (response.status >= 500)
    throw new RemoteUnavailableError({ reason: `checkout_http_${response.status}` })
  const answer = await response.text()
  throw new PaymentRefusedError('invalid', {
    detail: `pagoPA Checkout ${response.status}: ${answer.slice(0, 500)}`,
  })
}
