import { footers, header, openDocument, rows, type PdfEnte } from '#services/pdf/pratica_pdf'

/**
 * "Scarica ricevuta pagamento" when the intermediary gives no document of
 * its own (or the payment was registered by an operator): the platform's
 * record of the payment, with the pagoPA identifiers.
 */
export interface ReceiptInput {
  ente: PdfEnte
  rows: Array<{ label: string; value: string }>
  reference: string
  generatedAt: string
}

export function renderPaymentReceipt(input: ReceiptInput): Promise<Buffer> {
  const { doc, bytes } = openDocument({
    title: 'Ricevuta di pagamento',
    author: input.ente.name,
    subject: `Pagamento ${input.reference}`,
  })
  header(doc, input.ente, 'Ricevuta di pagamento', input.rows[0]?.value ?? '')
  rows(doc, input.rows)
  footers(doc, input.reference, input.generatedAt)
  doc.end()
  return bytes
}
