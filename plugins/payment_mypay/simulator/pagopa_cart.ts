import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { MAX_CART_POSITIONS } from '#extension_points/payment/contract'
import { parseNoticeCode } from '#extension_points/payment/notice_code'
import {
  createSession,
  findDovuto,
  findEnteByFiscalCode,
  newSessionId,
  type SimDovuto,
  type SimEnte,
} from './store.js'

/**
 * pagoPA Checkout's `POST /carts` (specs/pagopa/openapi/checkout_v1.json)
 * for the notices of the simulated MyPay: the request checked as the
 * OpenAPI document says (CartRequest), then a 302 to the simulated
 * checkout page. Notices this MyPay does not know are refused here (the
 * real Checkout would show the error on its page).
 */
const URI = /^https?:\/\/\S+$/

function problem(detail: string): PluginHttpResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/json' },
    body: { type: 'about:blank', title: 'Bad Request', status: 400, detail },
  }
}

function checked(body: unknown):
  | string
  | {
      notices: Array<{ noticeNumber: string; fiscalCode: string }>
      returnOk: string
      returnKo: string
      email: string | null
    } {
  const cart = (body ?? {}) as Record<string, any>
  const notices = cart.paymentNotices
  if (!Array.isArray(notices) || notices.length < 1 || notices.length > MAX_CART_POSITIONS) {
    return `paymentNotices: from 1 to ${MAX_CART_POSITIONS} items`
  }
  for (const [index, notice] of notices.entries()) {
    if (!/^\d{18}$/.test(String(notice?.noticeNumber)))
      return `paymentNotices[${index}].noticeNumber: 18 digits`
    if (!/^\d{11}$/.test(String(notice?.fiscalCode)))
      return `paymentNotices[${index}].fiscalCode: 11 digits`
    if (!Number.isInteger(notice?.amount) || notice.amount < 1)
      return `paymentNotices[${index}].amount: integer >= 1`
    if (typeof notice?.companyName !== 'string' || notice.companyName.length > 140)
      return `paymentNotices[${index}].companyName: at most 140 characters`
    if (typeof notice?.description !== 'string' || notice.description.length > 140)
      return `paymentNotices[${index}].description: at most 140 characters`
  }
  const urls = cart.returnUrls ?? {}
  for (const name of ['returnOkUrl', 'returnCancelUrl', 'returnErrorUrl']) {
    if (!URI.test(String(urls[name] ?? ''))) return `returnUrls.${name}: a URI`
  }
  if (cart.emailNotice !== undefined && !/^[^\s@]+@[^\s@]+$/.test(String(cart.emailNotice)))
    return 'emailNotice: an e-mail address'
  return {
    notices,
    returnOk: urls.returnOkUrl,
    returnKo: urls.returnCancelUrl,
    email: cart.emailNotice ?? null,
  }
}

export async function pagoPaCarts(request: PluginHttpRequest): Promise<PluginHttpResponse> {
  let body = request.body
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      return problem('the body is not JSON')
    }
  }
  const cart = checked(body)
  if (typeof cart === 'string') return problem(cart)

  let ente: SimEnte | null = null
  const dovuti: SimDovuto[] = []
  for (const notice of cart.notices) {
    const creditor = await findEnteByFiscalCode(notice.fiscalCode)
    const parts = parseNoticeCode(notice.noticeNumber)
    const dovuto =
      creditor && parts ? await findDovuto(creditor.codIpaEnte, { iuv: parts.iuv }) : null
    if (!creditor || !dovuto)
      return problem(`unknown notice ${notice.noticeNumber} of ${notice.fiscalCode}`)
    if (ente && ente.codIpaEnte !== creditor.codIpaEnte)
      return problem('the simulator takes carts of one creditor')
    ente = creditor
    dovuti.push(dovuto)
  }

  const idSession = newSessionId()
  await createSession({
    idSession,
    codIpaEnte: ente!.codIpaEnte,
    kind: 'carrello',
    iuds: dovuti.map((dovuto) => dovuto.iud),
    returnOk: cart.returnOk,
    returnKo: cart.returnKo,
    email: cart.email,
  })
  const base = request.url.replace(/\/checkout\/ec\/v1\/carts\/?(\?.*)?$/, '')
  return { redirect: `${base}/pagamento?id=${idSession}` }
}
