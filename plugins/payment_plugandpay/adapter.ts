import type { EnteInfo } from '#extension_points/define_plugin'
import {
  MAX_CART_POSITIONS,
  type CheckoutSession,
  type DebtPosition,
  type DebtPositionInput,
  type PaymentAdapter,
  type PaymentNotice,
  type PaymentReceipt,
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
import { iuvFor, noticeCodeFromIuv } from '#extension_points/payment/notice_code'
import { DateTime } from 'luxon'
import { PlugAndPayFault, type PlugAndPayClient } from './client.js'
import type { LedgerEntry, PlugAndPayLedger } from './ledger.js'
import {
  IUV_DUPLICATO,
  caricaPosizione,
  createPdfAvviso,
  downloadDatiRicevuta,
  inviaCarrelloPosizioni,
  readCaricaPosizioneAnswer,
  readCreatePdfAvvisoAnswer,
  readDownloadDatiRicevutaAnswer,
  readEsito,
  readInviaCarrelloAnswer,
  readRicercaPerCodiceFiscaleAnswer,
  readRicercaPosizioneAnswer,
  ricercaPerCodiceFiscale,
  ricercaPosizione,
  rimuoviPosizione,
  type ErroreDiValidazione,
  type PosizioneDati,
  type PosizioneRemota,
} from './messages.js'
import { readReceipt, type RicevutaLetta } from './receipt.js'
import { returnUrl } from './return_route.js'

export interface PlugAndPaySettings {
  idApplicazione: string
  codiceEnte: string
  codiceServizio: string
  idGestionale: string
  segregationCode: string
  routeUrl: (path: string) => string
}

const ZONE = 'Europe/Rome'
const TEN_YEARS_MS = 10 * 365 * 86_400_000
/** What Plug&Pay answers RimuoviPosizione for a position it already removed. */
const GIA_REVOCATA = /già revocata/i

const detailOf = (errori: ErroreDiValidazione[]) =>
  errori.map((error) => `${error.codice} ${error.descrizione}`).join('; ')

/** The last moment a position can be paid: the end of its expiry day in Rome. */
function scadenza(expiresAt: Date) {
  return DateTime.fromJSDate(expiresAt).setZone(ZONE).endOf('day').toFormat("yyyy-LL-dd'T'HH:mm:ss")
}

function isPast(dataScadenza: string | undefined) {
  return !!dataScadenza && DateTime.fromISO(dataScadenza, { zone: ZONE }) < DateTime.now()
}

/**
 * The payment contract over Plug&Pay (E-Fil): positions loaded by
 * CaricaPosizione (Feed), read by RicercaPosizionePerIdentificavo
 * (Deliver), paid through InviaCarrelloPosizioni (Payment, a cart of up to
 * five), receipts by DownloadDatiRicevuta, withdrawn by RimuoviPosizione.
 * Plug&Pay does not push outcomes: the platform polls.
 */
export class PlugAndPayAdapter implements PaymentAdapter {
  constructor(
    private client: PlugAndPayClient,
    private ledger: PlugAndPayLedger,
    private settings: PlugAndPaySettings,
    private ente: EnteInfo
  ) {
    for (const [name, value] of [
      ['Il codice di segregazione', settings.segregationCode],
      ['L’id gestionale', settings.idGestionale],
    ]) {
      if (!/^\d{2}$/.test(value)) {
        throw new RemoteConfigurationError({
          reason: 'iuv_prefix',
          message: `${name} deve essere di due cifre.`,
        })
      }
    }
  }

  async createPosition(input: DebtPositionInput): Promise<DebtPosition> {
    const entry = await this.ledger.record(input.idempotencyKey, (rowId) =>
      this.#newEntry(input, rowId)
    )
    const esito = readCaricaPosizioneAnswer(
      await this.client.call(
        'CaricaPosizione',
        caricaPosizione(this.settings.idApplicazione, entry.posizione)
      )
    )
    if (esito.esito === 'Ok') return this.#position(entry.posizione, entry, 'PAYMENT_PENDING')
    // a retry of a load whose answer was lost: Plug&Pay already holds this IUV
    if (esito.errori.some((error) => error.codice === IUV_DUPLICATO)) {
      const status = await this.getStatus(this.#ref(entry.iuv))
      return this.#position(entry.posizione, entry, status.status)
    }
    throw new PaymentRefusedError('invalid', { detail: detailOf(esito.errori) })
  }

  async getNotice(ref: PositionRef): Promise<PaymentNotice> {
    const entry = await this.ledger.byIuv(ref.iuv)
    const posizione = entry?.posizione ?? (await this.#remote(ref.iuv))
    return {
      noticeCode: this.#noticeCode(posizione.iuv),
      iuv: posizione.iuv,
      creditor: { fiscalCode: this.ente.codiceFiscale, name: this.ente.name },
      payerFiscalCode: posizione.debitore.codiceFiscalePartitaIva,
      amountCents: posizione.importoCents,
      description: posizione.causale,
      dueDate: entry?.dueDate ? new Date(entry.dueDate) : undefined,
      pdf: await this.#avvisoPdf(posizione.iuv),
    }
  }

  async startPayment(input: StartPaymentInput): Promise<CheckoutSession> {
    if (input.positions.length > MAX_CART_POSITIONS) throw new PaymentRefusedError('cart_too_large')
    const posizioni: PosizioneDati[] = []
    for (const ref of input.positions) {
      const entry = await this.ledger.byIuv(ref.iuv)
      if (entry?.cancelled) throw new PaymentRefusedError('cancelled')
      const remote = await this.#remote(ref.iuv)
      // paid in whole or in part: either way not payable again
      if (remote.statoPosizione !== 'NonPagata') throw new PaymentRefusedError('already_paid')
      if (isPast(remote.dataScadenza)) throw new PaymentRefusedError('expired')
      posizioni.push({ ...remote, creditore: this.#creditore() })
    }
    const answer = readInviaCarrelloAnswer(
      await this.client.call(
        'InviaCarrelloPosizioni',
        inviaCarrelloPosizioni({
          idApplicazione: this.settings.idApplicazione,
          posizioni,
          urlBack: input.returnUrls.cancel,
          urlReturn: returnUrl(this.settings.routeUrl, input.returnUrls),
          emailInvioRicevuta: input.payerEmail,
        })
      )
    )
    const refused = answer.esiti.filter((esito) => esito.esito !== 'Ok')
    if (refused.length || !answer.urlRedirect) {
      throw new PaymentRefusedError('invalid', {
        detail:
          detailOf(refused.flatMap((esito) => esito.errori)) || 'nessun indirizzo di pagamento',
      })
    }
    return { redirectUrl: answer.urlRedirect, checkoutId: answer.idTransazione }
  }

  async getStatus(ref: PositionRef): Promise<PositionStatus> {
    const entry = await this.ledger.byIuv(ref.iuv)
    const base = { positionId: ref.iuv, iuv: ref.iuv }
    // Plug&Pay stops reporting a removed position: the ledger remembers it
    if (entry?.cancelled) return { ...base, status: 'CANCELED' }
    const remote = await this.#remote(ref.iuv)
    if (remote.statoPosizione === 'NonPagata') {
      return { ...base, status: isPast(remote.dataScadenza) ? 'EXPIRED' : 'PAYMENT_PENDING' }
    }
    // paid: complete once the receipt says when and how much
    const ricevuta = remote.statoPosizione === 'Pagata' ? await this.#ricevuta(ref.iuv) : null
    if (!ricevuta) return { ...base, status: 'PAYMENT_STARTED' }
    return {
      ...base,
      status: 'COMPLETE',
      paidAt: ricevuta.paidAt,
      amountPaidCents: ricevuta.amountCents,
      receiptId: ricevuta.receiptId,
    }
  }

  async getReceipt(ref: PositionRef): Promise<PaymentReceipt | null> {
    const status = await this.getStatus(ref)
    if (status.status !== 'COMPLETE') return null
    const ricevuta = (await this.#ricevuta(ref.iuv))!
    return {
      receiptId: ricevuta.receiptId,
      positionId: ref.iuv,
      iuv: ref.iuv,
      noticeCode: this.#noticeCode(ref.iuv),
      amountCents: ricevuta.amountCents,
      paidAt: ricevuta.paidAt,
      payerFiscalCode: ricevuta.payerFiscalCode,
      pspName: ricevuta.pspName,
    }
  }

  async listOpenPositions(payerFiscalCode: string): Promise<DebtPosition[]> {
    const posizioni = readRicercaPerCodiceFiscaleAnswer(
      await this.client.call(
        'RicercaPosizioniPerCodiceFiscalePartitaIva',
        ricercaPerCodiceFiscale({
          idApplicazione: this.settings.idApplicazione,
          codiceEnte: this.settings.codiceEnte,
          codiceFiscale: payerFiscalCode,
          statoPosizione: 'NonPagata',
        })
      )
    )
    const open: DebtPosition[] = []
    for (const posizione of posizioni) {
      if (posizione.statoPosizione !== 'NonPagata' || isPast(posizione.dataScadenza)) continue
      const entry = await this.ledger.byIuv(posizione.iuv)
      if (entry?.cancelled) continue
      open.push(this.#position(posizione, entry, 'PAYMENT_PENDING', posizione.numeroAvviso))
    }
    return open
  }

  async cancelPosition(ref: PositionRef): Promise<void> {
    const status = await this.getStatus(ref)
    if (status.status === 'CANCELED') return
    if (status.status === 'COMPLETE' || status.status === 'PAYMENT_STARTED') {
      throw new PaymentRefusedError('already_paid')
    }
    try {
      const esito = readEsito(
        await this.client.call('RimuoviPosizione', rimuoviPosizione(this.#posizioneRef(ref.iuv)))
      )
      if (esito !== 'Ok')
        throw new PaymentRefusedError('invalid', { detail: 'RimuoviPosizione: Nok' })
    } catch (error) {
      if (!(error instanceof PlugAndPayFault && GIA_REVOCATA.test(error.message))) throw error
    }
    await this.ledger.markCancelled(ref.iuv)
  }

  /** Asks for a position that cannot exist: Plug&Pay answers when it is reachable and accepts the application. */
  async probe() {
    await this.client.call(
      'RicercaPosizionePerIdentificavo',
      ricercaPosizione(this.#posizioneRef('0'))
    )
  }

  #newEntry(input: DebtPositionInput, rowId: number) {
    const reference = `${this.settings.idGestionale}${String(rowId).padStart(11, '0')}`
    const iuv = iuvFor({ auxDigit: '3', segregationCode: this.settings.segregationCode, reference })
    const expiresAt = input.expiresAt ?? new Date(Date.now() + TEN_YEARS_MS)
    const posizione: PosizioneDati = {
      iuv,
      causale: input.description.slice(0, 140),
      importoCents: input.amountCents,
      dataScadenza: scadenza(expiresAt),
      debitore: {
        codiceFiscalePartitaIva: input.payer.fiscalCode,
        nominativo: input.payer.name,
        tipoPagatore: input.payer.kind === 'person' ? 'PersonaFisica' : 'PersonaGiuridica',
        email: input.payer.email,
      },
      creditore: this.#creditore(),
      codiceServizio: input.paymentTypeCode ?? this.settings.codiceServizio,
    }
    return {
      iuv,
      posizione,
      dueDate: input.dueDate?.toISOString(),
      expiresAt: input.expiresAt?.toISOString(),
    }
  }

  #creditore() {
    return {
      codiceEnte: this.settings.codiceEnte,
      codiceFiscalePartitaIva: this.ente.codiceFiscale,
      intestazione: this.ente.name,
    }
  }

  #posizioneRef(iuv: string) {
    return {
      idApplicazione: this.settings.idApplicazione,
      codiceEnte: this.settings.codiceEnte,
      codiceIdentificativo: iuv,
    }
  }

  #ref(iuv: string): PositionRef {
    return { positionId: iuv, iuv, noticeCode: this.#noticeCode(iuv) }
  }

  #noticeCode(iuv: string, numeroAvviso?: string) {
    return numeroAvviso ?? noticeCodeFromIuv(iuv) ?? `3${iuv}`
  }

  async #remote(iuv: string): Promise<PosizioneRemota> {
    const remote = readRicercaPosizioneAnswer(
      await this.client.call(
        'RicercaPosizionePerIdentificavo',
        ricercaPosizione(this.#posizioneRef(iuv))
      )
    )
    if (!remote) throw new PaymentNotFoundError(iuv)
    return remote
  }

  /** Plug&Pay's avviso (GeneratorPdf); without it the core renders one, so a failure here costs nothing. */
  async #avvisoPdf(iuv: string): Promise<PaymentNotice['pdf']> {
    try {
      const pdf = readCreatePdfAvvisoAnswer(
        await this.client.call('CreatePdfAvviso', createPdfAvviso(this.#posizioneDelCreditore(iuv)))
      )
      return pdf ? { contentType: 'application/pdf', content: new Uint8Array(pdf) } : null
    } catch (error) {
      if (error instanceof RemoteUnavailableError || error instanceof PlugAndPayFault) return null
      throw error
    }
  }

  #posizioneDelCreditore(iuv: string) {
    return {
      idApplicazione: this.settings.idApplicazione,
      codiceEnteCreditore: this.settings.codiceEnte,
      identificativoPosizione: iuv,
    }
  }

  async #ricevuta(iuv: string): Promise<RicevutaLetta | null> {
    const answer = readDownloadDatiRicevutaAnswer(
      await this.client.call(
        'DownloadDatiRicevuta',
        downloadDatiRicevuta(this.#posizioneDelCreditore(iuv))
      )
    )
    return answer.esito === 'Ok' && answer.ricevuta ? readReceipt(answer.ricevuta) : null
  }

  #position(
    posizione: PosizioneDati,
    entry: Pick<LedgerEntry, 'dueDate' | 'expiresAt'> | null,
    status: PositionStatus['status'],
    numeroAvviso?: string
  ): DebtPosition {
    return {
      positionId: posizione.iuv,
      iuv: posizione.iuv,
      noticeCode: this.#noticeCode(posizione.iuv, numeroAvviso),
      status,
      amountCents: posizione.importoCents,
      description: posizione.causale,
      payerFiscalCode: posizione.debitore.codiceFiscalePartitaIva,
      dueDate: entry?.dueDate ? new Date(entry.dueDate) : undefined,
      expiresAt: entry?.expiresAt ? new Date(entry.expiresAt) : undefined,
      kind: 'pagopa',
      links: {},
    }
  }
}
