import { child, parseXml, text } from './xml.js'

/**
 * The receipt DownloadDatiRicevuta returns in `Ricevuta`: a pagoPA receipt
 * document as a string. Public clients read it as either the old RT or the
 * paSendRT `receipt` (pagoPA's ctReceipt); this reads the latter, the one
 * pagoPA's nodo sends today.
 */
export interface RicevutaLetta {
  receiptId: string
  noticeNumber: string
  amountCents: number
  paidAt: Date
  payerFiscalCode: string
  pspName?: string
}

/** "15.50" → 1550, without floating point. */
export function cents(amount: string) {
  const [units, decimals = ''] = amount.trim().split('.')
  const value = Number.parseInt(units, 10) * 100 + Number.parseInt(`${decimals}00`.slice(0, 2), 10)
  if (!Number.isFinite(value)) throw new TypeError(`not an amount: "${amount}"`)
  return value
}

export function readReceipt(xml: string): RicevutaLetta {
  const receipt = parseXml(xml)
  const paidAt = text(receipt, 'paymentDateTime') ?? text(receipt, 'applicationDate')
  const receiptId = text(receipt, 'receiptId')
  if (!receiptId || !paidAt) throw new TypeError('a receipt without receiptId or payment date')
  return {
    receiptId,
    noticeNumber: text(receipt, 'noticeNumber') ?? '',
    amountCents: cents(text(receipt, 'paymentAmount') ?? ''),
    paidAt: new Date(paidAt),
    payerFiscalCode:
      text(child(child(receipt, 'debtor'), 'uniqueIdentifier'), 'entityUniqueIdentifierValue') ??
      '',
    pspName: text(receipt, 'PSPCompanyName'),
  }
}
