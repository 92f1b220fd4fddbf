import { createHash } from 'node:crypto'
import type { EnteInfo, PluginHttpRequest } from '#extension_points/define_plugin'
import {
  MAX_CART_POSITIONS,
  type CheckoutSession,
  type DebtPosition,
  type DebtPositionInput,
  type PaymentAdapter,
  type PaymentNotice,
  type PaymentNotification,
  type PaymentReceipt,
  type PaymentStatus,
  type PositionRef,
  type PositionStatus,
  type StartPaymentInput,
} from '#extension_points/payment/contract'
import {
  PaymentNotFoundError,
  PaymentRefusedError,
  RemoteUnavailableError,
  type PaymentRefusalReason,
} from '#extension_points/payment/errors'
import { DateTime } from 'luxon'
import type { Errori, Posizione, StatoPosizione } from './api.js'
import type { AdvancedSystemClient } from './client.js'
import { readEsito } from './notification.js'

const ZONE = 'Europe/Rome'
const TEN_YEARS_MS = 10 * 365 * 86_400_000

/** The gateway's refusal codes that mean the position cannot be paid now. */
const REFUSALS: Record<string, PaymentRefusalReason> = {
  POSIZIONE_PAGATA: 'already_paid',
  POSIZIONE_IN_PAGAMENTO: 'already_paid',
  POSIZIONE_SCADUTA: 'expired',
  POSIZIONE_ANNULLATA: 'cancelled',
}

const day = (date: Date) => DateTime.fromJSDate(date).setZone(ZONE).toISODate()!
const today = () => DateTime.now().setZone(ZONE).toISODate()!
const detailOf = (errori: Errori['errori']) =>
  errori.map((error) => `${error.codice} ${error.descrizione}`).join('; ')

function refusal(errori: Errori['errori']) {
  const reason = errori.map((error) => REFUSALS[error.codice]).find(Boolean) ?? 'invalid'
  return new PaymentRefusedError(reason, { detail: detailOf(errori) })
}

const STATUS: Record<StatoPosizione, PaymentStatus> = {
  DA_PAGARE: 'PAYMENT_PENDING',
  IN_PAGAMENTO: 'PAYMENT_STARTED',
  PAGATA: 'COMPLETE',
  ANNULLATA: 'CANCELED',
  SCADUTA: 'EXPIRED',
}

/** The gateway's state, and the clock: a position past its last day is expired even before the gateway says so. */
function statusOf(posizione: Posizione): PaymentStatus {
  const expired = posizione.stato === 'DA_PAGARE' && posizione.fineValidita < today()
  return expired ? 'EXPIRED' : STATUS[posizione.stato]
}

/**
 * The payment contract over Advanced System's pagoPA gateway: one position
 * per ente reference (derived from the idempotency key, so a retry finds
 * the position instead of making a second), a cart of up to five in one
 * checkout, states and receipts read back. The gateway also pushes each
 * outcome, signed with the ente's notification key (notification.ts); the
 * platform keeps polling for the pushes that never arrive.
 */
export class AdvancedSystemAdapter implements PaymentAdapter {
  constructor(
    private client: AdvancedSystemClient,
    private settings: { datiSpecificiRiscossione: string; chiaveNotifiche?: string },
    private ente: EnteInfo
  ) {}

  async createPosition(input: DebtPositionInput): Promise<DebtPosition> {
    const expiresAt = input.expiresAt ?? new Date(Date.now() + TEN_YEARS_MS)
    const answer = await this.client.createPosition({
      riferimento: `SDC-${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 31)}`,
      debitore: {
        codiceFiscale: input.payer.fiscalCode,
        nominativo: input.payer.name,
        tipo: input.payer.kind === 'person' ? 'F' : 'G',
        email: input.payer.email,
      },
      causale: input.description.slice(0, 140),
      importo: input.amountCents,
      scadenza: day(input.dueDate ?? expiresAt),
      fineValidita: day(expiresAt),
      datiSpecificiRiscossione: input.taxonomy ?? this.settings.datiSpecificiRiscossione,
    })
    if (answer.status === 201) return this.#position(answer.body)
    // the reference is known: a retry after a lost answer
    if (answer.status === 409 && answer.body.posizione) return this.#position(answer.body.posizione)
    if (answer.status === 422) throw refusal(answer.body.errori)
    throw new RemoteUnavailableError({ reason: `unexpected_${answer.status}` })
  }

  async getNotice(ref: PositionRef): Promise<PaymentNotice> {
    const posizione = await this.#posizione(ref)
    return {
      noticeCode: posizione.numeroAvviso,
      iuv: posizione.iuv,
      creditor: { fiscalCode: this.ente.codiceFiscale, name: this.ente.name },
      payerFiscalCode: posizione.debitore.codiceFiscale,
      amountCents: posizione.importo,
      description: posizione.causale,
      dueDate: DateTime.fromISO(posizione.scadenza, { zone: ZONE }).endOf('day').toJSDate(),
      pdf: null,
    }
  }

  async startPayment(input: StartPaymentInput): Promise<CheckoutSession> {
    if (input.positions.length > MAX_CART_POSITIONS) throw new PaymentRefusedError('cart_too_large')
    for (const ref of input.positions) {
      const status = statusOf(await this.#posizione(ref))
      if (status === 'COMPLETE') throw new PaymentRefusedError('already_paid')
      if (status === 'EXPIRED') throw new PaymentRefusedError('expired')
      if (status === 'CANCELED') throw new PaymentRefusedError('cancelled')
    }
    const answer = await this.client.openCart({
      iuv: input.positions.map((ref) => ref.iuv),
      urlOk: input.returnUrls.success,
      urlKo: input.returnUrls.error ?? input.returnUrls.cancel,
      email: input.payerEmail,
    })
    if (answer.status === 201) {
      return { redirectUrl: answer.body.urlPagamento, checkoutId: answer.body.idCarrello }
    }
    if (answer.status === 422 || answer.status === 409) throw refusal(answer.body.errori)
    throw new RemoteUnavailableError({ reason: `unexpected_${answer.status}` })
  }

  /**
   * The push is signed over its whole body with the ente's key: its outcome
   * is the gateway's word, no call back needed. A duplicate keeps its
   * idEvento, so the core applies it once.
   */
  async parseNotification(request: PluginHttpRequest): Promise<PaymentNotification> {
    const esito = readEsito(request, this.settings.chiaveNotifiche)
    const paid = esito.stato === 'PAGATA' ? esito.pagamento : undefined
    return {
      eventId: esito.idEvento,
      outcomes: [
        {
          positionId: esito.iuv,
          iuv: esito.iuv,
          status: STATUS[esito.stato],
          paidAt: paid ? new Date(paid.data) : undefined,
          amountPaidCents: paid?.importo,
          receiptId: paid?.idRicevuta,
        },
      ],
    }
  }

  async getStatus(ref: PositionRef): Promise<PositionStatus> {
    const posizione = await this.#posizione(ref)
    const paid = posizione.stato === 'PAGATA' ? posizione.pagamento : undefined
    return {
      positionId: posizione.iuv,
      iuv: posizione.iuv,
      status: statusOf(posizione),
      paidAt: paid ? new Date(paid.data) : undefined,
      amountPaidCents: paid?.importo,
      receiptId: paid?.idRicevuta,
    }
  }

  async getReceipt(ref: PositionRef): Promise<PaymentReceipt | null> {
    const answer = await this.client.receipt(ref.iuv)
    if (answer.status === 404) {
      await this.#posizione(ref) // an unknown position is an error, an unpaid one has no receipt
      return null
    }
    if (answer.status !== 200)
      throw new RemoteUnavailableError({ reason: `unexpected_${answer.status}` })
    const ricevuta = answer.body
    return {
      receiptId: ricevuta.idRicevuta,
      positionId: ricevuta.iuv,
      iuv: ricevuta.iuv,
      noticeCode: ricevuta.numeroAvviso,
      amountCents: ricevuta.importo,
      paidAt: new Date(ricevuta.data),
      payerFiscalCode: ricevuta.codiceFiscaleDebitore,
      pspName: ricevuta.psp,
    }
  }

  async cancelPosition(ref: PositionRef): Promise<void> {
    const answer = await this.client.cancel(ref.iuv)
    if (answer.status === 200) return
    if (answer.status === 404) throw new PaymentNotFoundError(ref.iuv)
    if (answer.status === 409 || answer.status === 422) throw refusal(answer.body.errori)
    throw new RemoteUnavailableError({ reason: `unexpected_${answer.status}` })
  }

  /** Reads a position that cannot exist: the gateway answers 404 when it is reachable and takes the key. */
  async probe() {
    await this.client.position('00000000000000000')
  }

  async #posizione(ref: PositionRef): Promise<Posizione> {
    const answer = await this.client.position(ref.iuv)
    if (answer.status === 200) return answer.body
    if (answer.status === 404) throw new PaymentNotFoundError(ref.iuv)
    throw new RemoteUnavailableError({ reason: `unexpected_${answer.status}` })
  }

  #position(posizione: Posizione): DebtPosition {
    return {
      positionId: posizione.iuv,
      iuv: posizione.iuv,
      noticeCode: posizione.numeroAvviso,
      status: statusOf(posizione),
      amountCents: posizione.importo,
      description: posizione.causale,
      payerFiscalCode: posizione.debitore.codiceFiscale,
      dueDate: DateTime.fromISO(posizione.scadenza, { zone: ZONE }).endOf('day').toJSDate(),
      expiresAt: DateTime.fromISO(posizione.fineValidita, { zone: ZONE }).endOf('day').toJSDate(),
      kind: 'pagopa',
      links: {},
    }
  }
}
