import { createHash, randomUUID } from 'node:crypto'
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
  PaymentCallbackError,
  PaymentNotFoundError,
  PaymentRefusedError,
  RemoteConfigurationError,
  RemoteUnavailableError,
  type PaymentRefusalReason,
} from '#extension_points/payment/errors'
import { noticeCodeFromIuv } from '#extension_points/payment/notice_code'
import type { MyPayClient, MyPayFault } from './client.js'
import {
  ALLEGATO_MARCA_DA_BOLLO,
  TIPO_DOVUTO_MARCA_BOLLO,
  decodeDocument,
  dovutiXml,
  formatAmount,
  italianDate,
  parseDovuti,
  parsePagati,
  versamentoXml,
  type PagatiDocument,
  type Payer,
} from './documents.js'
import { findDovuto, recordDovuto, recordIuv, rememberSession, type LedgerRow } from './ledger.js'
import { readMarcaDaBollo } from './marca_da_bollo.js'
import { openPagoPaCart } from './pagopa_checkout.js'
import { verifyPushJwt } from './push_jwt.js'
import { returnUrl } from './return_route.js'

/** MyPay's own checks of datiSpecificiRiscossione (Constants.DATI_SPECIFICI_RISCOSSIONE_PATTERN). */
const DATI_SPECIFICI_RISCOSSIONE = /^[0129]\/\S{3,138}$/

/** The fault codes MyPay answers when the IUD was already imported (DB function and WS check). */
const DUPLICATE_IUD = new Set(['PAA_IMPORT_IUD_DUPLICATO', 'PAA_IUD_DUPLICATO'])

/** The imposta di bollo (tipoBollo 01); MyPay refuses any other amount its ente has not set. */
const STAMP_AMOUNT_CENTS = 1600

export interface MyPaySettings {
  ente: EnteInfo
  codIpaEnte: string
  tipoDovuto: string
  datiSpecificiRiscossione?: string
  jwtSecret?: string
  jwtClientId?: string
  checkoutUrl: string
  timeoutMs: number
  /** absolute URL of one of this plugin's routes for the ente */
  routeUrl(path: string): string
}

/**
 * The payment contract over MyPay's SOAP services.
 *
 * - The IUD is derived from the idempotency key, so MyPay itself refuses a
 *   second dovuto for the same key (PAA_IMPORT_IUD_DUPLICATO); a creation
 *   whose answer was lost is then found again among the payer's open
 *   positions (paaSILChiediPosizioniAperte) or paid ones
 *   (paaSILChiediPagatiConRicevuta).
 * - One notice is paid in MyPay's checkout (paaSILVerificaAvviso), a cart
 *   of up to five in pagoPA Checkout (pagopa_checkout.ts).
 * - The state comes from paaSILChiediPagatiConRicevuta by IUD, and from
 *   paaSILChiediPagati for the latest checkout session while unpaid.
 * - The outcome push is believed only for what MyPay confirms: its JWT
 *   does not cover the body.
 * - A marca da bollo digitale goes to MyPay with its checkout
 *   (paaSILInviaDovuti, the only operation that takes one) and comes back
 *   in the receipt as allegatoRicevuta BD.
 */
export class MyPayAdapter implements PaymentAdapter {
  constructor(
    private client: MyPayClient,
    private settings: MyPaySettings
  ) {}

  /** Same ente and key, same IUD: 35 characters, never starting with "000" (MyPay's rule). */
  iudFor(idempotencyKey: string) {
    const digest = createHash('sha256')
      .update(`${this.settings.codIpaEnte}\n${idempotencyKey}`)
      .digest('hex')
    return `sdc${digest.slice(0, 32)}`
  }

  async createPosition(input: DebtPositionInput): Promise<DebtPosition> {
    if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
      throw new PaymentRefusedError('invalid', {
        detail: `importo non valido: ${input.amountCents}`,
      })
    }
    const iud = this.iudFor(input.idempotencyKey)
    const known = await findDovuto(this.settings.codIpaEnte, { iud })
    if (known) return this.toPosition(known, await this.statusOf(this.refOf(known)))

    const datiSpecificiRiscossione = input.taxonomy ?? this.settings.datiSpecificiRiscossione
    if (!datiSpecificiRiscossione || !DATI_SPECIFICI_RISCOSSIONE.test(datiSpecificiRiscossione)) {
      throw new PaymentRefusedError('invalid', {
        detail: `dati specifici di riscossione non validi: "${datiSpecificiRiscossione ?? ''}"`,
      })
    }
    const payer: Payer = {
      kind: input.payer.kind === 'organisation' ? 'G' : 'F',
      fiscalCode: input.payer.fiscalCode.toUpperCase(),
      name: input.payer.name,
      email: input.payer.email ?? null,
    }
    if (input.stamp) return this.createStamp(input, iud, payer, datiSpecificiRiscossione)
    const dovuto = {
      iud,
      payer,
      amountCents: input.amountCents,
      tipoDovuto: input.paymentTypeCode ?? this.settings.tipoDovuto,
      causale: input.description,
      datiSpecificiRiscossione,
      dueDate: input.dueDate ?? input.expiresAt ?? null,
    }
    const answer = await this.client.importaDovuto(versamentoXml({ azione: 'I', ...dovuto }), {
      generateIuv: true,
    })
    let iuv: string
    let urlFileAvviso: string | null = null
    if (answer.fault) {
      if (!DUPLICATE_IUD.has(answer.fault.faultCode)) throw this.faultError(answer.fault)
      iuv = await this.findIuvOf(iud, payer)
    } else {
      if (!answer.iuv) throw new RemoteUnavailableError({ reason: 'iuv_missing' })
      iuv = answer.iuv
      urlFileAvviso = answer.urlFileAvviso
    }
    this.noticeCodeOf(iuv)
    const row = await recordDovuto({
      codIpaEnte: this.settings.codIpaEnte,
      iud,
      iuv,
      payerKind: payer.kind,
      payerFiscalCode: payer.fiscalCode,
      payerName: payer.name,
      payerEmail: payer.email ?? null,
      amountCents: dovuto.amountCents,
      description: dovuto.causale,
      tipoDovuto: dovuto.tipoDovuto,
      datiSpecificiRiscossione,
      dueDate: dovuto.dueDate ? italianDate(dovuto.dueDate) : null,
      urlFileAvviso,
      stampDocumentHash: null,
      stampProvince: null,
    })
    return this.toPosition(row, 'PAYMENT_PENDING')
  }

  /**
   * A marca da bollo digitale is only recorded here: MyPay refuses it in
   * paaSILImportaDovuto and takes it in paaSILInviaDovuti, which opens the
   * checkout at once (startPayment). It has no avviso: it is paid online.
   */
  private async createStamp(
    input: DebtPositionInput,
    iud: string,
    payer: Payer,
    datiSpecificiRiscossione: string
  ) {
    const { documentHash, hashAlgorithm } = input.stamp!
    const province = input.stamp!.province.toUpperCase()
    const refuse = (detail: string) => new PaymentRefusedError('invalid', { detail })
    if (input.amountCents !== STAMP_AMOUNT_CENTS) {
      throw refuse(
        `una marca da bollo digitale è di 16,00 €, non di ${formatAmount(input.amountCents)} €`
      )
    }
    const digest = Buffer.from(documentHash, 'base64')
    if (
      hashAlgorithm !== 'sha256' ||
      digest.length !== 32 ||
      digest.toString('base64') !== documentHash
    ) {
      throw refuse('impronta del documento non valida: serve lo SHA-256 in base64')
    }
    if (!/^[A-Z]{2}$/.test(province)) throw refuse(`sigla di provincia non valida: "${province}"`)
    const row = await recordDovuto({
      codIpaEnte: this.settings.codIpaEnte,
      iud,
      iuv: '',
      payerKind: payer.kind,
      payerFiscalCode: payer.fiscalCode,
      payerName: payer.name,
      payerEmail: payer.email ?? null,
      amountCents: input.amountCents,
      description: input.description,
      tipoDovuto: TIPO_DOVUTO_MARCA_BOLLO,
      datiSpecificiRiscossione,
      dueDate: input.dueDate ? italianDate(input.dueDate) : null,
      urlFileAvviso: null,
      stampDocumentHash: documentHash,
      stampProvince: province,
    })
    return this.toPosition(row, 'PAYMENT_PENDING')
  }

  async getNotice(ref: PositionRef): Promise<PaymentNotice> {
    const row = await this.ledgerRow(ref)
    if (row.stampDocumentHash) {
      throw new PaymentRefusedError('invalid', {
        detail: 'una marca da bollo digitale non ha avviso: si paga online',
      })
    }
    return {
      noticeCode: this.noticeCodeOf(row.iuv),
      iuv: row.iuv,
      creditor: { fiscalCode: this.settings.ente.codiceFiscale, name: this.settings.ente.name },
      payerFiscalCode: row.payerFiscalCode,
      amountCents: row.amountCents,
      description: row.description,
      dueDate: row.dueDate ? new Date(`${row.dueDate}T12:00:00Z`) : undefined,
      pdf: row.urlFileAvviso ? { url: row.urlFileAvviso } : null,
    }
  }

  async startPayment(input: StartPaymentInput): Promise<CheckoutSession> {
    if (input.positions.length === 0) {
      throw new PaymentRefusedError('invalid', { detail: 'nessun avviso da pagare' })
    }
    if (input.positions.length > MAX_CART_POSITIONS) throw new PaymentRefusedError('cart_too_large')
    const rows = await Promise.all(input.positions.map((ref) => this.ledgerRow(ref)))

    if (rows.length === 1) {
      const [row] = rows
      if (row.stampDocumentHash && !row.iuv) return this.startStampPayment(row, input)
      const answer = await this.client.verificaAvviso(
        row.iuv,
        returnUrl(this.settings.routeUrl, input.returnUrls)
      )
      if (answer.fault) throw await this.notPayable(row, answer.fault)
      await rememberSession(this.settings.codIpaEnte, row.iud, answer.idSession)
      return { redirectUrl: answer.url, checkoutId: answer.idSession }
    }

    if (rows.some((row) => row.stampDocumentHash)) {
      throw new PaymentRefusedError('cart_not_supported', {
        detail: 'una marca da bollo digitale si paga da sola, con MyPay',
      })
    }
    for (const row of rows) {
      const refusal = refusalFor(await this.statusOf(this.refOf(row)))
      if (refusal) throw new PaymentRefusedError(refusal, { detail: row.iuv })
    }
    const idCart = randomUUID()
    const redirectUrl = await openPagoPaCart(
      this.settings.checkoutUrl,
      {
        idCart,
        paymentNotices: rows.map((row) => ({
          noticeNumber: this.noticeCodeOf(row.iuv),
          fiscalCode: this.settings.ente.codiceFiscale,
          amount: row.amountCents,
          companyName: this.settings.ente.name.slice(0, 140),
          description: row.description.slice(0, 140),
        })),
        returnUrls: {
          returnOkUrl: input.returnUrls.success,
          returnCancelUrl: input.returnUrls.cancel,
          returnErrorUrl: input.returnUrls.error ?? input.returnUrls.cancel,
        },
        emailNotice: input.payerEmail,
      },
      this.settings.timeoutMs
    )
    return { redirectUrl, checkoutId: idCart }
  }

  /** paaSILInviaDovuti: the dovuto with its datiMarcaBolloDigitale, and MyPay's checkout for it. */
  private async startStampPayment(row: LedgerRow, input: StartPaymentInput) {
    const document = dovutiXml({
      payer: payerOf(row),
      items: [
        {
          iud: row.iud,
          amount: formatAmount(row.amountCents),
          tipoDovuto: row.tipoDovuto,
          causale: row.description,
          datiSpecificiRiscossione: row.datiSpecificiRiscossione,
          marcaBollo: {
            hashDocumento: row.stampDocumentHash!,
            provinciaResidenza: row.stampProvince!,
          },
        },
      ],
    })
    const answer = await this.client.inviaDovuti(
      document,
      returnUrl(this.settings.routeUrl, input.returnUrls)
    )
    if (answer.fault) {
      if (!DUPLICATE_IUD.has(answer.fault.faultCode)) throw this.faultError(answer.fault)
      // MyPay has it from an earlier checkout, with an IUV: from now on it is paid like a notice
      await recordIuv(
        this.settings.codIpaEnte,
        row.iud,
        await this.findIuvOf(row.iud, payerOf(row))
      )
      return this.startPayment(input)
    }
    await rememberSession(this.settings.codIpaEnte, row.iud, answer.idSession)
    return { redirectUrl: answer.url, checkoutId: answer.idSession }
  }

  async parseNotification(request: PluginHttpRequest): Promise<PaymentNotification> {
    if (!this.settings.jwtSecret) throw new PaymentCallbackError('invalid_signature')
    const token = verifyPushJwt(
      request.headers.authorization,
      this.settings.jwtSecret,
      this.settings.jwtClientId
    )
    if (!token.ok) throw new PaymentCallbackError('invalid_signature')

    let pagati: PagatiDocument
    try {
      const body =
        typeof request.body === 'object' && request.body
          ? request.body
          : JSON.parse(request.rawBody ?? '')
      pagati = parsePagati(decodeDocument(String((body as { esito?: unknown }).esito ?? '')))
    } catch (error) {
      throw new PaymentCallbackError('malformed', { cause: error })
    }

    // the token does not cover the body: each outcome is MyPay's answer, not the push's claim
    const outcomes: PositionStatus[] = []
    for (const item of pagati.items) {
      const known = await findDovuto(this.settings.codIpaEnte, { iud: item.iud })
      try {
        outcomes.push(
          await this.getStatus({
            positionId: item.iud,
            iuv: known?.iuv || pagati.iuv,
            noticeCode: '',
          })
        )
      } catch (error) {
        if (error instanceof PaymentNotFoundError)
          throw new PaymentCallbackError('unknown_position', { cause: error })
        throw error
      }
    }
    return {
      eventId: `mypay:${pagati.iuv}:${pagati.messageId}`,
      outcomes,
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: {} },
    }
  }

  async getStatus(ref: PositionRef): Promise<PositionStatus> {
    const answer = await this.client.chiediPagatiConRicevuta({ iud: ref.positionId })
    if (!answer.fault) return statusFromPagati(ref, parsePagati(answer.pagati))
    const base = { positionId: ref.positionId, iuv: ref.iuv }
    switch (answer.fault.faultCode) {
      case 'PAA_PAGAMENTO_NON_INIZIATO':
        return this.sessionStatus(ref)
      case 'PAA_PAGAMENTO_IN_CORSO':
        return { ...base, status: 'PAYMENT_STARTED' }
      case 'PAA_PAGAMENTO_SCADUTO':
        return { ...base, status: 'EXPIRED' }
      case 'PAA_PAGAMENTO_ANNULLATO':
        return { ...base, status: 'CANCELED' }
      case 'PAA_IUD_NON_VALIDO':
        if (await this.unsentStamp(ref)) return this.sessionStatus(ref)
        throw new PaymentNotFoundError(ref.iuv || ref.positionId)
      default:
        throw this.faultError(answer.fault)
    }
  }

  async getReceipt(ref: PositionRef): Promise<PaymentReceipt | null> {
    const answer = await this.client.chiediPagatiConRicevuta({ iud: ref.positionId })
    if (answer.fault) {
      if (answer.fault.faultCode === 'PAA_IUD_NON_VALIDO') {
        if (await this.unsentStamp(ref)) return null
        throw new PaymentNotFoundError(ref.iuv || ref.positionId)
      }
      if (answer.fault.faultCode.startsWith('PAA_PAGAMENTO_')) return null
      throw this.faultError(answer.fault)
    }
    const pagati = parsePagati(answer.pagati)
    const item = pagati.items.find((candidate) => candidate.iud === ref.positionId)
    if (pagati.codiceEsito !== '0' || !item) return null
    return {
      receiptId: item.iur,
      positionId: ref.positionId,
      iuv: pagati.iuv,
      noticeCode: ref.noticeCode || this.noticeCodeOf(pagati.iuv),
      amountCents: item.amountCents,
      paidAt: pagati.messageTime,
      payerFiscalCode: pagati.payerFiscalCode,
      pspName: pagati.pspName,
      document: answer.rt ? { contentType: 'application/xml', content: answer.rt } : undefined,
      stamp:
        item.allegato?.tipo === ALLEGATO_MARCA_DA_BOLLO
          ? readMarcaDaBollo(item.allegato.testo)
          : undefined,
    }
  }

  async listOpenPositions(payerFiscalCode: string): Promise<DebtPosition[]> {
    const fiscalCode = payerFiscalCode.toUpperCase()
    const answer = await this.client.chiediPosizioniAperte({
      kind: /^\d{11}$/.test(fiscalCode) ? 'G' : 'F',
      fiscalCode,
    })
    if (answer.fault) throw this.faultError(answer.fault)
    const positions: DebtPosition[] = []
    for (const open of answer.positions) {
      const dovuti = parseDovuti(open.dovuti)
      // a dovuto without an IUV has no notice: MyPay's own portal is the only way to pay it
      if (!dovuti.iuv || !noticeCodeFromIuv(dovuti.iuv)) continue
      for (const item of dovuti.items) {
        const row = await recordDovuto({
          codIpaEnte: this.settings.codIpaEnte,
          iud: item.iud,
          iuv: dovuti.iuv,
          payerKind: dovuti.payer.kind,
          payerFiscalCode: dovuti.payer.fiscalCode,
          payerName: dovuti.payer.name,
          payerEmail: dovuti.payer.email ?? null,
          amountCents: item.amountCents,
          description: item.causale,
          tipoDovuto: item.tipoDovuto,
          datiSpecificiRiscossione: item.datiSpecificiRiscossione,
          dueDate: null,
          urlFileAvviso: null,
          stampDocumentHash: item.marcaBollo?.hashDocumento ?? null,
          // MyPay writes the hash there too (ChiediPosizioniAperteService): kept only when a sigla
          stampProvince: /^[A-Z]{2}$/.test(item.marcaBollo?.provinciaResidenza ?? '')
            ? item.marcaBollo!.provinciaResidenza
            : null,
        })
        const position = this.toPosition(row, 'PAYMENT_PENDING')
        positions.push({
          ...position,
          links: { ...position.links, checkout: open.urlPagamento ?? undefined },
        })
      }
    }
    return positions
  }

  async cancelPosition(ref: PositionRef): Promise<void> {
    const row = await this.ledgerRow(ref)
    if (row.stampDocumentHash) {
      // paaSILImportaDovuto, MyPay's only way to cancel, refuses the tipo MARCA_BOLLO_DIGITALE
      throw new PaymentRefusedError('invalid', {
        detail: 'MyPay non annulla una marca da bollo digitale',
      })
    }
    const { status } = await this.getStatus(ref)
    if (status === 'CANCELED' || status === 'EXPIRED') return
    if (status === 'COMPLETE') throw new PaymentRefusedError('already_paid')
    const answer = await this.client.importaDovuto(
      versamentoXml({
        azione: 'A',
        iud: row.iud,
        iuv: row.iuv,
        payer: payerOf(row),
        amountCents: row.amountCents,
        tipoDovuto: row.tipoDovuto,
        causale: row.description,
        datiSpecificiRiscossione: row.datiSpecificiRiscossione,
        dueDate: row.dueDate ? new Date(`${row.dueDate}T12:00:00Z`) : null,
      }),
      { generateIuv: false }
    )
    if (answer.fault) {
      // a retry after a lost answer: MyPay refuses to cancel what it already cancelled
      if ((await this.statusOf(ref)) === 'CANCELED') return
      throw this.faultError(answer.fault)
    }
  }

  private async statusOf(ref: PositionRef) {
    const { status } = await this.getStatus(ref)
    return status
  }

  /** While MyPay says "not started" for the IUD, the latest checkout session tells more. */
  private async sessionStatus(ref: PositionRef): Promise<PositionStatus> {
    const base = { positionId: ref.positionId, iuv: ref.iuv }
    const row = await findDovuto(this.settings.codIpaEnte, { iud: ref.positionId })
    if (!row?.lastSession) return { ...base, status: 'PAYMENT_PENDING' }
    const answer = await this.client.chiediPagati(row.lastSession)
    if (!answer.fault) {
      const pagati = parsePagati(answer.pagati)
      return pagati.codiceEsito === '0'
        ? { ...base, status: 'PAYMENT_PENDING' }
        : { ...base, status: 'PAYMENT_FAILED' }
    }
    switch (answer.fault.faultCode) {
      case 'PAA_PAGAMENTO_IN_CORSO':
        return { ...base, status: 'PAYMENT_STARTED' }
      case 'PAA_PAGAMENTO_NON_INIZIATO':
      case 'PAA_PAGAMENTO_ANNULLATO':
      case 'PAA_PAGAMENTO_SCADUTO':
      case 'PAA_ID_SESSION_NON_VALIDO':
        // nothing happened, the citizen left, or the session is gone: the dovuto is still payable
        return { ...base, status: 'PAYMENT_PENDING' }
      default:
        throw this.faultError(answer.fault)
    }
  }

  /** Why MyPay would not open a checkout for a notice. */
  private async notPayable(row: LedgerRow, fault: MyPayFault) {
    if (fault.faultCode === 'PAA_IUV_SCADUTO')
      return new PaymentRefusedError('expired', { detail: fault.faultString })
    if (fault.faultCode !== 'PAA_IUV_NON_VALIDO') return this.faultError(fault)
    const refusal = refusalFor(await this.statusOf(this.refOf(row)))
    return new PaymentRefusedError(refusal ?? 'invalid', { detail: fault.faultString })
  }

  /** The IUV MyPay gave a dovuto whose creation answer this platform never read. */
  private async findIuvOf(iud: string, payer: Payer) {
    const open = await this.client.chiediPosizioniAperte(payer)
    if (open.fault) throw this.faultError(open.fault)
    for (const position of open.positions) {
      const dovuti = parseDovuti(position.dovuti)
      if (dovuti.iuv && dovuti.items.some((item) => item.iud === iud)) return dovuti.iuv
    }
    const paid = await this.client.chiediPagatiConRicevuta({ iud })
    if (!paid.fault) return parsePagati(paid.pagati).iuv
    throw new PaymentRefusedError('invalid', {
      detail: `MyPay ha già il dovuto ${iud} ma non lo restituisce (${paid.fault.faultCode})`,
    })
  }

  /** A marca da bollo MyPay does not hold yet: it gets it with the checkout (paaSILInviaDovuti). */
  private async unsentStamp(ref: PositionRef) {
    const row = await findDovuto(this.settings.codIpaEnte, { iud: ref.positionId })
    return Boolean(row?.stampDocumentHash && !row.iuv)
  }

  private async ledgerRow(ref: PositionRef) {
    const row = await findDovuto(this.settings.codIpaEnte, { iud: ref.positionId })
    if (!row) throw new PaymentNotFoundError(ref.iuv || ref.positionId)
    return row
  }

  private refOf(row: LedgerRow): PositionRef {
    return { positionId: row.iud, iuv: row.iuv, noticeCode: this.noticeCodeOfRow(row) }
  }

  /** A marca da bollo has no notice until MyPay gives it an IUV (and is never paid with one). */
  private noticeCodeOfRow(row: LedgerRow) {
    return row.iuv ? this.noticeCodeOf(row.iuv) : ''
  }

  private noticeCodeOf(iuv: string) {
    const noticeCode = noticeCodeFromIuv(iuv)
    if (!noticeCode) {
      throw new RemoteConfigurationError({
        reason: 'iuv_without_notice',
        message: `MyPay ha assegnato lo IUV ${iuv}, che non dà un codice avviso (servono IUV di 17 cifre).`,
      })
    }
    return noticeCode
  }

  private toPosition(row: LedgerRow, status: PaymentStatus): DebtPosition {
    return {
      positionId: row.iud,
      iuv: row.iuv,
      noticeCode: this.noticeCodeOfRow(row),
      status,
      amountCents: row.amountCents,
      description: row.description,
      payerFiscalCode: row.payerFiscalCode,
      dueDate: row.dueDate ? new Date(`${row.dueDate}T12:00:00Z`) : undefined,
      kind: row.stampDocumentHash ? 'stamp' : 'pagopa',
      links: row.urlFileAvviso ? { notice: row.urlFileAvviso } : {},
    }
  }

  /** A fault bean that is not one of the operation's expected answers. */
  private faultError(fault: MyPayFault) {
    const detail = `${fault.faultCode}: ${fault.faultString}`
    if (
      fault.faultCode === 'PAA_ENTE_NON_VALIDO' ||
      fault.faultCode === 'PAA_STATO_ENTE_NON_VALIDO'
    ) {
      return new RemoteConfigurationError({
        reason: 'authentication_failed',
        message: 'MyPay non riconosce il codice IPA o la password dell’ente.',
        cause: detail,
      })
    }
    if (
      fault.faultCode.startsWith('PAA_IDENTIFICATIVO_TIPO_DOVUTO') ||
      fault.faultCode === 'PAA_IMPORT_COD_TIPO_DOVUTO_INESISTENTE'
    ) {
      return new RemoteConfigurationError({
        reason: 'tipo_dovuto',
        message: 'Il tipo dovuto indicato non è attivo in MyPay per l’ente.',
        cause: detail,
      })
    }
    if (fault.faultCode === 'PAA_SYSTEM_ERROR') {
      return new RemoteUnavailableError({ reason: 'mypay_system_error', cause: detail })
    }
    return new PaymentRefusedError('invalid', { detail })
  }
}

function payerOf(row: LedgerRow): Payer {
  return {
    kind: row.payerKind,
    fiscalCode: row.payerFiscalCode,
    name: row.payerName,
    email: row.payerEmail,
  }
}

function statusFromPagati(ref: PositionRef, pagati: PagatiDocument): PositionStatus {
  const item = pagati.items.find((candidate) => candidate.iud === ref.positionId)
  if (pagati.codiceEsito !== '0' || !item) {
    return { positionId: ref.positionId, iuv: pagati.iuv, status: 'PAYMENT_FAILED' }
  }
  return {
    positionId: ref.positionId,
    iuv: pagati.iuv,
    status: 'COMPLETE',
    paidAt: pagati.messageTime,
    amountPaidCents: item.amountCents,
    receiptId: item.iur,
  }
}

function refusalFor(status: PaymentStatus): PaymentRefusalReason | null {
  if (status === 'COMPLETE') return 'already_paid'
  if (status === 'CANCELED') return 'cancelled'
  if (status === 'EXPIRED') return 'expired'
  return null
}
