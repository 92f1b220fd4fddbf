import { randomUUID } from 'node:crypto'
import type { Logger } from '@adonisjs/core/logger'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import {
  MAX_CART_POSITIONS,
  type CheckoutSession,
  type DebtPosition,
  type DebtPositionInput,
  type PaymentAdapter,
  type PaymentDocument,
  type PaymentNotice,
  type PaymentNotification,
  type PaymentReceipt,
  type PositionRef,
  type PositionStatus,
  type StartPaymentInput,
} from '#extension_points/payment/contract'
import {
  PaymentCallbackError,
  PaymentNotFoundError,
  PaymentRefusedError,
  RemoteUnavailableError,
  type PaymentRefusalReason,
} from '#extension_points/payment/errors'
import { problemDetail, type CartNotice, type PagoPaClient } from './client.js'
import {
  madeForKey,
  metadataValue,
  METADATA,
  optionOf,
  statusOf,
  toDebtPosition,
  toGpdPosition,
  toPositionStatus,
  type CreditorSettings,
  type GpdPositionResponse,
} from './gpd_model.js'
import { identifiersFor, iupdOf, MAX_IUV_ATTEMPTS, type NumberingSettings } from './identifiers.js'
import {
  paSendRtV2Response,
  parseReceipt,
  ReceiptXmlError,
  type ParsedReceipt,
} from './receipt_xml.js'

export interface GpdAdapterSettings extends CreditorSettings, NumberingSettings {
  /** the ente's own station (idStation): paSendRTV2 for another station is refused */
  stationId?: string
  /** template of the print-payment-notice-service (avviso PDF) */
  printTemplateId?: string
}

const REFUSAL_BY_STATUS: Partial<Record<string, PaymentRefusalReason>> = {
  COMPLETE: 'already_paid',
  EXPIRED: 'expired',
  CANCELED: 'cancelled',
}

/**
 * Direct pagoPA: debt positions on GPD, payment through Checkout.
 *
 * Creation is idempotent by construction: the IUV and the IUPD come from the
 * idempotency key (identifiers.ts), so a retry sends the same position and
 * GPD answers 409, after which the position is read back. The outcome is
 * learnt by polling GPD (status PAID and the receipt id) and, when the
 * ente's station receives the Nodo's paSendRTV2, by a notification that is
 * believed only once GPD confirms it.
 */
export class GpdAdapter implements PaymentAdapter {
  constructor(
    private client: PagoPaClient,
    private settings: GpdAdapterSettings,
    private logger: Logger
  ) {}

  get #organization() {
    return this.settings.organizationFiscalCode
  }

  async createPosition(input: DebtPositionInput): Promise<DebtPosition> {
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
      throw new PaymentRefusedError('invalid', { detail: `amount ${input.amountCents}` })
    }
    for (let attempt = 0; attempt < MAX_IUV_ATTEMPTS; attempt++) {
      const ids = identifiersFor(this.settings, input.idempotencyKey, attempt)
      const answer = await this.client.createPosition(
        this.#organization,
        toGpdPosition(input, ids, this.settings)
      )
      if (answer.status === 201) {
        return toDebtPosition(answer.body as GpdPositionResponse, ids.iupd, input)
      }
      if (answer.status !== 409) throw this.#refusal(answer.status, answer.body)

      // 409: made already (a retry after a lost answer), or the IUV is taken
      // by a position of another key: then the next candidate
      const existing = await this.client.getPosition(this.#organization, ids.iupd)
      if (existing.status === 200) {
        const position = existing.body as GpdPositionResponse
        if (madeForKey(position, input.idempotencyKey)) {
          return toDebtPosition(position, ids.iupd, input)
        }
      } else if (existing.status !== 404) {
        throw this.#refusal(existing.status, existing.body)
      }
      this.logger.warn({ iuv: ids.iuv, attempt }, 'GPD: IUV already used, trying the next one')
    }
    throw new PaymentRefusedError('invalid', { detail: 'no free IUV for this idempotency key' })
  }

  async getNotice(ref: PositionRef): Promise<PaymentNotice> {
    const option = optionOf(await this.#fetch(ref))
    const notice: Omit<PaymentNotice, 'pdf'> = {
      noticeCode: option.nav ?? ref.noticeCode,
      iuv: option.iuv ?? ref.iuv,
      creditor: { fiscalCode: this.#organization, name: this.settings.companyName },
      payerFiscalCode: metadataValue(option, METADATA.debtor) ?? '',
      amountCents: option.amount ?? 0,
      description: option.description ?? '',
      ...(option.dueDate ? { dueDate: new Date(option.dueDate) } : {}),
    }
    return { ...notice, pdf: await this.#noticePdf(notice, metadataValue(option, METADATA.name)) }
  }

  async startPayment(input: StartPaymentInput): Promise<CheckoutSession> {
    if (input.positions.length === 0) throw new PaymentRefusedError('invalid')
    if (input.positions.length > MAX_CART_POSITIONS) throw new PaymentRefusedError('cart_too_large')

    // Checkout takes any cart and verifies the notices only on its page:
    // what cannot be paid is refused here, before the citizen leaves
    const notices: CartNotice[] = []
    for (const ref of input.positions) {
      const position = await this.#fetch(ref)
      const refusal = REFUSAL_BY_STATUS[statusOf(position)]
      if (refusal) throw new PaymentRefusedError(refusal, { detail: ref.noticeCode })
      const option = optionOf(position)
      notices.push({
        noticeNumber: option.nav ?? ref.noticeCode,
        fiscalCode: this.#organization,
        amount: option.amount ?? 0,
        companyName: this.settings.companyName.slice(0, 140),
        description: option.description ?? '',
      })
    }

    const idCart = randomUUID()
    const answer = await this.client.createCart({
      paymentNotices: notices,
      returnUrls: {
        returnOkUrl: input.returnUrls.success,
        returnCancelUrl: input.returnUrls.cancel,
        returnErrorUrl: input.returnUrls.error ?? input.returnUrls.cancel,
        // Checkout v2 sends the citizen here while the outcome is still unknown:
        // the landing page polls until it is
        returnWaitingUrl: input.returnUrls.success,
      },
      idCart,
      ...(input.payerEmail ? { emailNotice: input.payerEmail } : {}),
    })
    if (answer.status !== 302 || !answer.location) {
      throw this.#refusal(answer.status, answer.body)
    }
    return { redirectUrl: answer.location, checkoutId: idCart }
  }

  async parseNotification(request: PluginHttpRequest): Promise<PaymentNotification> {
    let receipt: ParsedReceipt
    try {
      receipt = parseReceipt(request.rawBody ?? '')
    } catch (error) {
      if (error instanceof ReceiptXmlError)
        throw new PaymentCallbackError('malformed', { cause: error })
      throw error
    }
    const forOtherStation =
      !!this.settings.stationId && receipt.idStation !== this.settings.stationId
    if (receipt.idPA !== this.#organization || forOtherStation) {
      throw new PaymentCallbackError('unknown_position')
    }

    // a paSendRTV2 carries no signature: it is believed when GPD, asked
    // directly, holds the same receipt for the position
    const iupd = iupdOf(this.#organization, receipt.creditorReferenceId)
    const answer = await this.client.getPosition(this.#organization, iupd)
    if (answer.status === 404) throw new PaymentCallbackError('unknown_position')
    if (answer.status !== 200) throw this.#refusal(answer.status, answer.body)
    const outcome = toPositionStatus(answer.body as GpdPositionResponse, iupd)
    const confirmed = outcome.status === 'COMPLETE' && outcome.receiptId === receipt.receiptId
    if (receipt.outcome === 'OK' && !confirmed) throw new PaymentCallbackError('invalid_signature')

    return {
      eventId: `paSendRTV2:${receipt.receiptId}`,
      outcomes: [outcome],
      response: {
        status: 200,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: paSendRtV2Response(),
      },
    }
  }

  async getStatus(ref: PositionRef): Promise<PositionStatus> {
    return toPositionStatus(await this.#fetch(ref), ref.positionId)
  }

  async getReceipt(ref: PositionRef): Promise<PaymentReceipt | null> {
    const position = await this.#fetch(ref)
    if (statusOf(position) !== 'COMPLETE') return null
    const option = optionOf(position)
    const iuv = option.iuv ?? ref.iuv
    const answer = await this.client.getReceipt(this.#organization, iuv)
    // GPD says paid but its receipts service has not stored the receipt yet
    if (answer.status === 404) throw new RemoteUnavailableError({ reason: 'receipt_not_ready' })
    if (answer.status !== 200) throw this.#refusal(answer.status, answer.body)

    const receipt = parseReceipt(answer.body)
    const paidAt = receipt.paymentDateTime ?? new Date(option.paymentDate ?? Date.now())
    return {
      receiptId: receipt.receiptId,
      positionId: ref.positionId,
      iuv: receipt.creditorReferenceId,
      noticeCode: receipt.noticeNumber,
      amountCents: receipt.amountCents,
      paidAt,
      payerFiscalCode: receipt.debtorFiscalCode,
      ...(receipt.pspCompanyName ? { pspName: receipt.pspCompanyName } : {}),
      ...(receipt.stamp ? { stamp: receipt.stamp } : {}),
      document: { contentType: 'application/xml', content: Buffer.from(answer.body, 'utf8') },
    }
  }

  async cancelPosition(ref: PositionRef): Promise<void> {
    const answer = await this.client.invalidatePosition(this.#organization, ref.positionId)
    if (answer.status === 200) return
    if (answer.status === 404) throw new PaymentNotFoundError(ref.iuv || ref.positionId)
    if (answer.status !== 409) throw this.#refusal(answer.status, answer.body)
    // 409: not invalidable. Already cancelled or expired: nothing to do; paid: refused
    const status = statusOf(await this.#fetch(ref))
    if (status === 'COMPLETE') throw new PaymentRefusedError('already_paid')
    if (status !== 'CANCELED' && status !== 'EXPIRED') {
      throw new PaymentRefusedError('invalid', { detail: problemDetail(answer.body) })
    }
  }

  async #fetch(ref: PositionRef): Promise<GpdPositionResponse> {
    const answer = await this.client.getPosition(this.#organization, ref.positionId)
    if (answer.status === 404) throw new PaymentNotFoundError(ref.iuv || ref.positionId)
    if (answer.status !== 200) throw this.#refusal(answer.status, answer.body)
    return answer.body as GpdPositionResponse
  }

  /** The avviso from pagoPA's print service, when configured; null lets the core render it. */
  async #noticePdf(
    notice: Omit<PaymentNotice, 'pdf'>,
    payerName: string | undefined
  ): Promise<PaymentDocument | null> {
    if (!this.client.printConfigured || !this.settings.printTemplateId) return null
    try {
      const answer = await this.client.generateNotice({
        templateId: this.settings.printTemplateId,
        data: {
          notice: {
            subject: notice.description.slice(0, 90),
            paymentAmount: notice.amountCents,
            ...(notice.dueDate ? { dueDate: italianDate(notice.dueDate) } : {}),
            code: notice.noticeCode,
          },
          creditorInstitution: { taxCode: this.#organization },
          // GPD does not give the debtor's address back: the avviso goes without it
          debtor: {
            taxCode: notice.payerFiscalCode,
            fullName: (payerName ?? '').slice(0, 70),
            address: '',
            buildingNumber: '',
            postalCode: '',
            city: '',
            province: '',
          },
        },
      })
      if (answer.status === 201 && answer.body instanceof Uint8Array) {
        return { contentType: 'application/pdf', content: answer.body }
      }
      this.logger.warn(
        { status: answer.status, detail: problemDetail(answer.body) },
        'pagoPA print service refused the notice'
      )
    } catch (error) {
      this.logger.warn({ err: error }, 'pagoPA print service unavailable')
    }
    return null
  }

  /** An answer no retry can fix: the remote refuses the data. */
  #refusal(status: number, body: unknown) {
    return new PaymentRefusedError('invalid', {
      detail: `HTTP ${status}${problemDetail(body) ? `: ${problemDetail(body)}` : ''}`,
    })
  }
}

function italianDate(date: Date) {
  return new Intl.DateTimeFormat('it-IT', {
    timeZone: 'Europe/Rome',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date)
}
