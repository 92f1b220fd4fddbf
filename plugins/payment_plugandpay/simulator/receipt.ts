import { el, leaf, optionalLeaf } from '../xml.js'

/** The simulated PSP the checkout pays with. */
export const PSP = { id: 'BPPIITRRXXX', name: 'Banca di Prova (simulatore Plug&Pay)' }

function euros(cents: number) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/** The receipt Plug&Pay hands back in DownloadDatiRicevuta: pagoPA's ctReceipt (paForNode.xsd). */
export function receiptXml(input: {
  receiptId: string
  noticeNumber: string
  creditorFiscalCode: string
  iuv: string
  amountCents: number
  description: string
  companyName: string
  debtorFiscalCode: string
  debtorName: string
  paidAt: Date
}) {
  const paidAt = input.paidAt.toISOString().slice(0, 19)
  return el('receipt', [
    leaf('receiptId', input.receiptId),
    leaf('noticeNumber', input.noticeNumber),
    leaf('fiscalCode', input.creditorFiscalCode),
    leaf('outcome', 'OK'),
    leaf('creditorReferenceId', input.iuv),
    leaf('paymentAmount', euros(input.amountCents)),
    leaf('description', input.description),
    leaf('companyName', input.companyName),
    el('debtor', [
      el('uniqueIdentifier', [
        leaf('entityUniqueIdentifierType', input.debtorFiscalCode.length === 16 ? 'F' : 'G'),
        leaf('entityUniqueIdentifierValue', input.debtorFiscalCode),
      ]),
      optionalLeaf('fullName', input.debtorName),
    ]),
    leaf('idPSP', PSP.id),
    leaf('PSPCompanyName', PSP.name),
    leaf('idChannel', `${PSP.id}_01`),
    leaf('channelDescription', 'app'),
    leaf('paymentDateTime', paidAt),
    leaf('applicationDate', paidAt.slice(0, 10)),
    leaf('transferDate', paidAt.slice(0, 10)),
  ])
}
