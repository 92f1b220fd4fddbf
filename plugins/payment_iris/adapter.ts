import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
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
  RemoteConfigurationError,
  RemoteUnavailableError,
} from '#extension_points/payment/errors'
import { iuvFor } from '#extension_points/payment/notice_code'
import type { IrisClient } from './client.js'
import {
  E_BOLLO,
  IRIS_PARTY,
  allineamentoPendenzeMultiOtf,
  allineamentoPendenzeOtf,
  verificaStatoPagamento,
  type EsitoOtf,
  type HeaderInput,
  type OtfInput,
  type PendenzaData,
  type ServiceName,
  type StatoPagamento,
} from './documents.js'
import { isoDate, isoDateTime } from './format.js'
import { keyHash, type IrisLedger, type LedgerEntry } from './ledger.js'
import { readStamp } from './marca_da_bollo.js'
import { acknowledgement, checkCredentials, readInformativa } from './notification.js'

export interface IrisSettings {
  /** the ente's code in IRIS (E2ESndrId, Mittente/Id) */
  codiceEnte: string
  /** the platform's application code in IRIS (E2ESndrSys) */
  codiceApplicazione: string
  tipoPendenza: string
  segregationCode: string
  notifica?: { username: string; password: string }
}

const TEN_YEARS_MS = 10 * 365 * 86_400_000

/** IRIS's detailed state → the platform's payment state. */
function paymentStatus(stato: StatoPagamento): PaymentStatus {
  switch (stato.stato) {
    case 'POSIZIONE_PAGATA':
      return 'COMPLETE'
    case 'POSIZIONE_PAGATA_SBF':
    case 'POSIZIONE_CON_PAG_IN_CORSO':
      return 'PAYMENT_STARTED'
    case 'POSIZIONE_NON_PAGABILE':
      // NON_PAGABILE_TERMINI: past its validity; otherwise refunded or superseded
      return stato.descrizioneStato === 'NON_PAGABILE_TERMINI' ? 'EXPIRED' : 'CANCELED'
    case 'POSIZIONE_NON_PAGATA':
      // the last attempt failed at the PSP (still payable: a new attempt may follow)
      return ['PAG_NON_ESEGUITO', 'PAG_IN_ERRORE', 'PAG_STORNATO'].includes(stato.descrizioneStato)
        ? 'PAYMENT_FAILED'
        : 'PAYMENT_PENDING'
    default:
      return 'PAYMENT_PENDING'
  }
}

/** Why IRIS would not open a gateway session (CartWsImpl's codes). */
function refusal(esito: EsitoOtf) {
  const detail = esito.errori.map((error) => `${error.codice} ${error.descrizione}`).join('; ')
  const codes = esito.errori.map((error) => error.codice)
  if (codes.includes('A0000036')) return new PaymentRefusedError('expired', { detail })
  if (
    esito.errori.some((error) => error.codice === 'A0000016' && /pagata/i.test(error.descrizione))
  ) {
    return new PaymentRefusedError('already_paid', { detail })
  }
  if (codes.includes('A0000016')) {
    return new PaymentRefusedError('invalid', {
      detail,
      message: 'Un pagamento di questo avviso è già in corso: attendi qualche minuto e riprova.',
    })
  }
  return new PaymentRefusedError('invalid', { detail })
}

/**
 * The payment contract over IRIS (Regione Toscana, TAS): pendenze by
 * IdpAllineamentoPendenze, the citizen's checkout on IRIS's gateway by the
 * "On-The-Fly" variant of the same message, states and receipts by
 * IdpVerificaStatoPagamenti, pushes by IdpInformativaPagamento.
 */
/** IRIS's "messaggio già processato": the message id was taken before. */
const DUPLICATE_MESSAGE = 'A0000035'
const IN_FLIGHT_LOOKS = 5
const IN_FLIGHT_PAUSE_MS = 200

export class IrisAdapter implements PaymentAdapter {
  constructor(
    private client: IrisClient,
    private ledger: IrisLedger,
    private settings: IrisSettings,
    private ente: EnteInfo
  ) {
    if (!/^\d{2}$/.test(settings.segregationCode)) {
      throw new RemoteConfigurationError({
        reason: 'segregation_code',
        message: 'Il codice di segregazione deve essere di due cifre.',
      })
    }
  }

  async createPosition(input: DebtPositionInput): Promise<DebtPosition> {
    const entry = await this.ledger.record(input.idempotencyKey, (reference) =>
      this.#newEntry(input, reference)
    )
    // a retry resends the same message id: IRIS answers A0000035 ("messaggio
    // già processato") for a message it took, and then the position is there
    const esito = await this.client.allineamentoPendenze(
      allineamentoPendenzeOtf({
        header: this.#header(
          'IdpAllineamentoPendenze',
          `C${keyHash(input.idempotencyKey).slice(0, 40)}`
        ),
        pendenze: [entry.pendenza],
      })
    )
    if (esito.stato === 'Elaborato Correttamente') return this.#position(entry, 'PAYMENT_PENDING')
    const duplicate = esito.errori.some((error) => error.codice === DUPLICATE_MESSAGE)
    // A0000035 while the same message is still being processed (another
    // worker sent it a moment ago): the position shows up shortly
    for (let look = 0; ; look++) {
      const [stato] = await this.#check([entry])
      if (stato.stato !== 'POSIZIONE_NON_PRESENTE')
        return this.#position(entry, paymentStatus(stato))
      if (!duplicate) {
        throw new PaymentRefusedError('invalid', {
          detail: esito.errori.map((error) => `${error.codice} ${error.descrizione}`).join('; '),
        })
      }
      if (look === IN_FLIGHT_LOOKS) {
        throw new RemoteUnavailableError({
          reason: 'in_progress',
          message: 'IRIS sta ancora elaborando la stessa richiesta: riproveremo automaticamente.',
        })
      }
      await sleep(IN_FLIGHT_PAUSE_MS)
    }
  }

  async getNotice(ref: PositionRef): Promise<PaymentNotice> {
    const entry = await this.#entry(ref)
    return {
      noticeCode: entry.noticeCode,
      iuv: entry.iuv,
      creditor: { fiscalCode: this.ente.codiceFiscale, name: this.ente.name },
      payerFiscalCode: entry.pendenza.debitore.id,
      amountCents: entry.pendenza.importoCents,
      description: entry.pendenza.causale,
      dueDate: entry.dueDate ? new Date(entry.dueDate) : undefined,
      // IRIS's avviso service (GenerazioneAvvisi) is not in the public WSDLs: the core renders it
      pdf: null,
    }
  }

  async startPayment(input: StartPaymentInput): Promise<CheckoutSession> {
    if (input.positions.length > MAX_CART_POSITIONS) throw new PaymentRefusedError('cart_too_large')
    const entries = await Promise.all(input.positions.map((ref) => this.#entry(ref)))
    // IRIS refuses on its own a paid position or one out of its dates, but an
    // OTF Insert replaces the pendenza it holds: ask first, so an expired
    // position is not revived with the dates it was created with
    for (const stato of await this.#check(entries)) {
      const status = paymentStatus(stato)
      if (status === 'COMPLETE') throw new PaymentRefusedError('already_paid')
      if (status === 'EXPIRED') throw new PaymentRefusedError('expired')
      if (status === 'CANCELED') throw new PaymentRefusedError('cancelled')
    }
    const otf: OtfInput = {
      urlBack: input.returnUrls.success,
      urlCancel: input.returnUrls.cancel,
      versante: {
        tipo: entries[0].pendenza.debitore.tipo,
        id: entries[0].pendenza.debitore.id,
        nome: entries[0].pendenza.debitore.nome,
        email: input.payerEmail ?? entries[0].pendenza.debitore.email,
      },
    }
    const header = this.#header('IdpAllineamentoPendenze', this.#newMessageId())
    const esito =
      entries.length === 1
        ? await this.client.allineamentoPendenze(
            allineamentoPendenzeOtf({ header, pendenze: [entries[0].pendenza], otf })
          )
        : await this.client.allineamentoPendenzeMulti(
            allineamentoPendenzeMultiOtf({
              header,
              otf,
              items: entries.map((entry) => ({
                msgId: this.#newMessageId(),
                pendenza: entry.pendenza,
              })),
            })
          )
    if (!esito.sessione) throw refusal(esito)
    return { redirectUrl: esito.sessione.url, checkoutId: esito.sessione.id }
  }

  async parseNotification(request: PluginHttpRequest): Promise<PaymentNotification> {
    checkCredentials(request, this.settings.notifica)
    const informativa = await readInformativa(request.rawBody)
    const found = await Promise.all(
      informativa.pagamenti.map((item) => this.ledger.byIuv(item.idPagamento))
    )
    const entries = found.filter((entry): entry is LedgerEntry => entry !== null)
    // the push is not signed: the outcomes are what IRIS confirms when asked
    const stati = entries.length ? await this.#check(entries) : []
    return {
      eventId: informativa.msgId,
      outcomes: entries.map((entry, index) => this.#status(entry, stati[index])),
      response: acknowledgement(),
    }
  }

  async getStatus(ref: PositionRef): Promise<PositionStatus> {
    const entry = await this.#entry(ref)
    const [stato] = await this.#check([entry])
    if (stato.stato === 'POSIZIONE_NON_PRESENTE') throw new PaymentNotFoundError(ref.iuv)
    return this.#status(entry, stato)
  }

  async getReceipt(ref: PositionRef): Promise<PaymentReceipt | null> {
    const entry = await this.#entry(ref)
    const [stato] = await this.#check([entry])
    if (stato.stato === 'POSIZIONE_NON_PRESENTE') throw new PaymentNotFoundError(ref.iuv)
    const pagamento = stato.pagamento
    if (stato.stato !== 'POSIZIONE_PAGATA' || !pagamento) return null
    const allegato = pagamento.allegato
    return {
      receiptId: pagamento.idTransazione ?? entry.iuv,
      positionId: entry.idPendenza,
      iuv: entry.iuv,
      noticeCode: entry.noticeCode,
      amountCents: pagamento.importoCents,
      paidAt: pagamento.dataOraPagamento,
      payerFiscalCode: pagamento.riferimentoDebitore ?? entry.pendenza.debitore.id,
      pspName: pagamento.psp,
      document:
        allegato?.codifica === 'PDF_'
          ? { contentType: 'application/pdf', content: new Uint8Array(allegato.contenuto) }
          : undefined,
      stamp:
        entry.pendenza.bollo && allegato?.codifica === 'XML_'
          ? readStamp(allegato.contenuto)
          : undefined,
    }
  }

  /** Asks IRIS about a payment it cannot know: it answers when it is reachable and accepts the ente. */
  async probe() {
    await this.#check([{ iuv: '0', pendenza: { tipoPendenza: this.settings.tipoPendenza } }])
  }

  #newEntry(input: DebtPositionInput, reference: string): LedgerEntry {
    const iuv = iuvFor({ auxDigit: '3', segregationCode: this.settings.segregationCode, reference })
    const now = new Date()
    const expiresAt = input.expiresAt ?? new Date(now.getTime() + TEN_YEARS_MS)
    const pendenza: PendenzaData = {
      idPendenza: `SDC.${iuv}`,
      tipoPendenza: input.stamp ? E_BOLLO : this.settings.tipoPendenza,
      mittente: { id: this.settings.codiceEnte, descrizione: this.ente.name },
      debitore: {
        id: input.payer.fiscalCode,
        nome: input.payer.name,
        tipo: input.payer.kind === 'person' ? 'F' : 'G',
        email: input.payer.email,
      },
      causale: input.description,
      importoCents: input.amountCents,
      idPagamento: iuv,
      creataIl: isoDate(now),
      scadenza: isoDate(input.dueDate ?? expiresAt),
      fineValidita: isoDate(expiresAt),
      codiceVoce: input.taxonomy ?? input.paymentTypeCode ?? '000',
      bollo: input.stamp
        ? {
            hashHex: Buffer.from(input.stamp.documentHash, 'base64').toString('hex'),
            provincia: input.stamp.province,
          }
        : undefined,
    }
    return {
      idPendenza: pendenza.idPendenza,
      iuv,
      noticeCode: `3${iuv}`,
      pendenza,
      dueDate: input.dueDate?.toISOString(),
      expiresAt: input.expiresAt?.toISOString(),
    }
  }

  async #entry(ref: PositionRef) {
    const entry = await this.ledger.byPendenza(ref.positionId)
    if (!entry) throw new PaymentNotFoundError(ref.iuv)
    return entry
  }

  /** IRIS's states of these payments, in the same order. */
  async #check(entries: Array<{ iuv: string; pendenza: Pick<PendenzaData, 'tipoPendenza'> }>) {
    const pagamenti = entries.map((entry) => ({
      idPagamento: entry.iuv,
      tipoPendenza: entry.pendenza.tipoPendenza,
    }))
    const esito = await this.client.verificaStatoPagamenti(
      verificaStatoPagamento({
        header: this.#header('IdpInformativaPagamento', this.#newMessageId()),
        pagamenti,
      })
    )
    if (esito.errore) {
      throw new RemoteConfigurationError({
        reason: `iris_${esito.errore.codice}`,
        message: `IRIS ha rifiutato la verifica dei pagamenti: ${esito.errore.descrizione}`,
      })
    }
    return pagamenti.map(
      (item): StatoPagamento =>
        esito.stati.find((stato) => stato.idPagamento === item.idPagamento) ?? {
          idPagamento: item.idPagamento,
          stato: 'POSIZIONE_NON_PRESENTE',
          descrizioneStato: 'POSIZIONE_NON_PRESENTE',
        }
    )
  }

  #status(entry: LedgerEntry, stato: StatoPagamento): PositionStatus {
    const status = paymentStatus(stato)
    const paid = status === 'COMPLETE' ? stato.pagamento : undefined
    return {
      positionId: entry.idPendenza,
      iuv: entry.iuv,
      status,
      paidAt: paid?.dataOraPagamento,
      amountPaidCents: paid?.importoCents,
      receiptId: paid ? (paid.idTransazione ?? entry.iuv) : undefined,
    }
  }

  #position(entry: LedgerEntry, status: PaymentStatus): DebtPosition {
    return {
      positionId: entry.idPendenza,
      iuv: entry.iuv,
      noticeCode: entry.noticeCode,
      status,
      amountCents: entry.pendenza.importoCents,
      description: entry.pendenza.causale,
      payerFiscalCode: entry.pendenza.debitore.id,
      dueDate: entry.dueDate ? new Date(entry.dueDate) : undefined,
      expiresAt: entry.expiresAt ? new Date(entry.expiresAt) : undefined,
      kind: entry.pendenza.bollo ? 'stamp' : 'pagopa',
      links: {},
    }
  }

  #header(service: ServiceName, msgId: string): HeaderInput {
    return {
      service,
      msgId,
      sender: { id: this.settings.codiceEnte, sys: this.settings.codiceApplicazione },
      receiver: IRIS_PARTY,
      createdAt: isoDateTime(new Date()),
    }
  }

  /** MsgId: [a-zA-Z0-9._]{1,44} (IdP.Header.xsd). */
  #newMessageId() {
    return randomUUID().replaceAll('-', '')
  }
}
