import {
  definePlugin,
  type PluginHttpRequest,
  type PluginHttpResponse,
  type PluginManifest,
} from '#plugin_runtime/define_plugin'
import type { ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Payment: pagoPA through the ente's intermediary (MyPay, IRIS,
 * PlugAndPay, pagoPA GPD + Checkout directly...).
 *
 * The core creates a debt position (from a queue job, with an idempotency
 * key), shows the notice (avviso), sends the citizen to the checkout, then
 * learns the outcome by notification (remote → `PAYMENT_PATHS.notification`)
 * and by polling `getStatus`, whichever comes first. Amounts are integer
 * euro cents. Adapters map the remote's failures onto ./errors.ts.
 */

/** Where the core receives server-to-server notifications, relative to `context.routeUrl`. */
export const PAYMENT_PATHS = { notification: '/notify' } as const

/** OpenCity's payment states (specs/opencity/enums.json, payment_status_microservices). */
export const PAYMENT_STATUSES = [
  'CREATION_PENDING',
  'CREATION_FAILED',
  'PAYMENT_PENDING',
  'PAYMENT_STARTED',
  'COMPLETE',
  'PAYMENT_FAILED',
  'CANCELED',
  'EXPIRED',
] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** pagoPA's limit on the positions of one checkout (cart). */
export const MAX_CART_POSITIONS = 5

export type PaymentCapabilities = {
  /** `startPayment` takes up to MAX_CART_POSITIONS positions at once */
  cart: boolean
  /** `listOpenPositions` lists a payer's unpaid positions at the remote */
  openPositions: boolean
  /** `createPosition` accepts `stamp` (marca da bollo digitale) */
  stamps: boolean
  /** the remote pushes outcomes, read by `parseNotification` */
  notifications: boolean
  /** `cancelPosition` withdraws an unpaid position */
  cancel: boolean
}

export interface Payer {
  /** codice fiscale (person) or partita IVA (organisation) */
  fiscalCode: string
  /** full name or company name */
  name: string
  kind: 'person' | 'organisation'
  email?: string
}

export interface DebtPositionInput {
  /**
   * Stable per effect (e.g. "pratica:42:payment:1"): creating again with the
   * same key answers the same position and never makes a second one.
   */
  idempotencyKey: string
  payer: Payer
  /** euro cents, > 0 */
  amountCents: number
  /** causale, shown on the notice and the receipt (pagoPA: max 140 characters) */
  description: string
  /** scadenza shown on the notice */
  dueDate?: Date
  /** after this the position cannot be paid (EXPIRED) */
  expiresAt?: Date
  /** pagoPA taxonomy code, "dati specifici di riscossione" (e.g. "9/0101108TS/") */
  taxonomy?: string
  /** the intermediary's own code of the kind of payment (MyPay "tipo dovuto") */
  paymentTypeCode?: string
  /** a digital stamp (with the `stamps` capability): the hash of the document it stamps */
  stamp?: { documentHash: string; hashAlgorithm: 'sha256'; province: string }
}

/** What later calls use to name a position. */
export interface PositionRef {
  /** the remote's id of the position (GPD iupd, MyPay IUD) */
  positionId: string
  /** identificativo univoco di versamento, 17 characters for aux digit 3 */
  iuv: string
  /** codice avviso, 18 digits */
  noticeCode: string
}

export interface DebtPosition extends PositionRef {
  status: PaymentStatus
  amountCents: number
  description: string
  payerFiscalCode: string
  dueDate?: Date
  expiresAt?: Date
  kind: 'pagopa' | 'stamp'
  /** the remote's pages, when it has them */
  links: { notice?: string; checkout?: string; receipt?: string }
}

/** A document as a link or as bytes (the adapter fetches what needs credentials). */
export type PaymentDocument = { url: string } | { contentType: string; content: Uint8Array }

/** The avviso di pagamento. */
export interface PaymentNotice {
  noticeCode: string
  iuv: string
  creditor: { fiscalCode: string; name: string }
  payerFiscalCode: string
  amountCents: number
  description: string
  dueDate?: Date
  /** the PDF, when the remote makes one (else the core renders it) */
  pdf: PaymentDocument | null
}

export interface StartPaymentInput {
  /** one position, or up to MAX_CART_POSITIONS with the `cart` capability */
  positions: PositionRef[]
  /** where the checkout sends the citizen back */
  returnUrls: { success: string; cancel: string; error?: string }
  payerEmail?: string
}

export interface CheckoutSession {
  redirectUrl: string
  /** the remote's id of the checkout, when it has one */
  checkoutId?: string
  expiresAt?: Date
}

export interface PositionStatus {
  positionId: string
  iuv: string
  status: PaymentStatus
  paidAt?: Date
  amountPaidCents?: number
  /** id of the receipt (pagoPA receiptId / IUR) when paid */
  receiptId?: string
}

export interface PaymentNotification {
  /** stable per remote event: the same notification delivered twice has the same id (the core dedupes on it) */
  eventId: string
  outcomes: PositionStatus[]
  /** what to answer the remote (e.g. a SOAP acknowledgement); a plain 200 when absent */
  response?: PluginHttpResponse
}

export interface PaymentReceipt {
  receiptId: string
  positionId: string
  iuv: string
  noticeCode: string
  amountCents: number
  paidAt: Date
  payerFiscalCode: string
  /** the PSP that collected the payment */
  pspName?: string
  /** the receipt document (ricevuta telematica), when the remote gives one */
  document?: PaymentDocument
  /** for a stamp position: the issued marca da bollo digitale */
  stamp?: { iubd: string; documentHash: string; issuedAt: Date }
}

export interface PaymentAdapter {
  /**
   * Creates a debt position, or answers the one already made for this
   * idempotency key. Typically derive the remote's position id from the key,
   * so a retry after a lost answer finds the position instead of duplicating it.
   *
   * @example
   *   async createPosition(input) {
   *     const iupd = `${this.config.fiscalCode}-${sha256(input.idempotencyKey).slice(0, 20)}`
   *     const response = await this.gpd.post(`/organizations/${this.config.fiscalCode}/debtpositions?toPublish=true`, toGpd(iupd, input))
   *     if (response.status === 409) return this.fromGpd(await this.gpd.get(`/organizations/${this.config.fiscalCode}/debtpositions/${iupd}`))
   *     if (response.status >= 500) throw new RemoteUnavailableError()
   *     return this.fromGpd(response.body)
   *   }
   */
  createPosition(input: DebtPositionInput): Promise<DebtPosition>

  /**
   * The notice (avviso) of a position: data and, when the remote makes it, the PDF.
   *
   * @example
   *   async getNotice(ref) {
   *     const position = await this.fetchPosition(ref)
   *     const pdf = await this.printService.post('/notices/generate', { notice: ref.noticeCode })
   *     return { noticeCode: ref.noticeCode, iuv: ref.iuv, creditor: this.creditor, payerFiscalCode: position.payer,
   *              amountCents: position.amount, description: position.description, pdf: { contentType: 'application/pdf', content: pdf.body } }
   *   }
   */
  getNotice(ref: PositionRef): Promise<PaymentNotice>

  /**
   * Opens the remote checkout for one position, or a cart (capability `cart`,
   * up to MAX_CART_POSITIONS). Throws PaymentRefusedError for a position that
   * is expired, cancelled or already paid, or for more positions than allowed.
   *
   * @example
   *   async startPayment({ positions, returnUrls, payerEmail }) {
   *     const response = await this.checkout.post('/carts', {
   *       paymentNotices: positions.map((p) => ({ noticeNumber: p.noticeCode, fiscalCode: this.config.fiscalCode })),
   *       returnUrls: { returnOkUrl: returnUrls.success, returnCancelUrl: returnUrls.cancel, returnErrorUrl: returnUrls.error ?? returnUrls.cancel },
   *       emailNotice: payerEmail,
   *     })
   *     return { redirectUrl: response.headers.location }
   *   }
   */
  startPayment(input: StartPaymentInput): Promise<CheckoutSession>

  /**
   * Reads a notification the remote sent to PAYMENT_PATHS.notification
   * (capability `notifications`). Verifies it (signature, or by asking the
   * remote) before reporting a payment: a forged notification throws
   * PaymentCallbackError. The same notification twice answers the same eventId.
   *
   * @example
   *   async parseNotification(request) {
   *     const receipt = this.verifyJwt(request.headers.authorization, request.body)   // throws PaymentCallbackError
   *     return { eventId: receipt.receiptId, outcomes: [await this.getStatus(this.refOf(receipt))] }
   *   }
   */
  parseNotification?(request: PluginHttpRequest): Promise<PaymentNotification>

  /**
   * The current state of a position at the remote (polling). Throws
   * PaymentNotFoundError for a position the remote does not know.
   *
   * @example
   *   async getStatus(ref) {
   *     const position = await this.fetchPosition(ref)      // throws PaymentNotFoundError on 404
   *     return { positionId: ref.positionId, iuv: ref.iuv, status: mapGpdStatus(position.status), paidAt: position.paymentDate }
   *   }
   */
  getStatus(ref: PositionRef): Promise<PositionStatus>

  /**
   * The receipt of a paid position; null while it is not paid.
   *
   * @example
   *   async getReceipt(ref) {
   *     const response = await this.receipts.get(`/organizations/${this.config.fiscalCode}/receipts/${ref.iuv}`)
   *     if (response.status === 404) return null
   *     return fromReceiptXml(response.body)
   *   }
   */
  getReceipt(ref: PositionRef): Promise<PaymentReceipt | null>

  /**
   * The payer's unpaid positions at the remote (capability `openPositions`),
   * including those created outside the platform.
   *
   * @example
   *   async listOpenPositions(fiscalCode) {
   *     const answer = await this.soap.paaSILChiediPosizioniAperteAsync({ codiceFiscale: fiscalCode })
   *     return answer.posizioni.map((item) => this.fromDovuto(item))
   *   }
   */
  listOpenPositions?(payerFiscalCode: string): Promise<DebtPosition[]>

  /**
   * Withdraws an unpaid position (capability `cancel`); afterwards it cannot
   * be paid. Cancelling a cancelled position is a no-op; a paid one throws
   * PaymentRefusedError('already_paid').
   *
   * @example
   *   async cancelPosition(ref) {
   *     await this.gpd.post(`/organizations/${this.config.fiscalCode}/debtpositions/${ref.positionId}/invalidate`)
   *   }
   */
  cancelPosition?(ref: PositionRef): Promise<void>
}

/**
 * Declares a payment plugin: the point is fixed and the adapter type bound.
 *
 * @example
 *   export default definePaymentPlugin({
 *     id: 'payment_gpd',
 *     name: 'pagoPA (GPD + Checkout)',
 *     description: 'Posizioni debitorie su GPD, pagamento con Checkout',
 *     version: '1.0.0',
 *     capabilities: { cart: true, openPositions: false, stamps: false, notifications: true, cancel: true },
 *     config: { subscriptionKey: field.secret({ label: 'Chiave API GPD' }) },
 *     create: (context) => new GpdAdapter(context),
 *   })
 */
export function definePaymentPlugin<Fields extends ConfigFields>(
  manifest: Omit<PluginManifest<'payment', PaymentAdapter, PaymentCapabilities, Fields>, 'point'>
): PluginManifest<'payment', PaymentAdapter, PaymentCapabilities, Fields> {
  return definePlugin({ ...manifest, point: 'payment' })
}
