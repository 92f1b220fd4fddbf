import QRCode from 'qrcode'
import { formatNoticeCode, noticeQrPayload } from '#extension_points/payment/notice_code'
import { contentWidth, MARGIN, MUTED, openDocument, TEXT } from '#services/pdf/pratica_pdf'

/**
 * The avviso di pagamento pagoPA, after the layout of pagoPA's notice
 * (one instalment): what and to whom, "Quanto e quando pagare?", "Dove
 * pagare?", then the payment slip for banks and other channels with the
 * QR code `PAGOPA|002|<codice avviso>|<CF ente>|<cents>`, the codice
 * avviso in groups of four and the creditor's codice fiscale.
 */
export interface NoticeInput {
  creditor: { name: string; fiscalCode: string }
  payer: { name: string; fiscalCode: string; address?: string }
  description: string
  amountCents: number
  noticeCode: string
  /** "31/12/2026", when there is a scadenza */
  dueDate: string | null
  amount: string
}

const BLUE = '#0066cc'
const SLIP_GREY = '#f2f7fc'

export async function renderPaymentNotice(input: NoticeInput): Promise<Buffer> {
  const payload = noticeQrPayload({
    noticeCode: input.noticeCode,
    creditorFiscalCode: input.creditor.fiscalCode,
    amountCents: input.amountCents,
  })
  const qr = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 2, scale: 8 })
  const { doc, bytes } = openDocument({
    title: `Avviso di pagamento ${formatNoticeCode(input.noticeCode)}`,
    author: input.creditor.name,
    subject: input.description,
  })
  const width = contentWidth(doc)
  const half = (width - 20) / 2

  doc.font('bold').fontSize(20).fillColor(BLUE).text('AVVISO DI PAGAMENTO', MARGIN, MARGIN)
  doc.font('bold').fontSize(13).fillColor(TEXT).text(input.description, { width })
  doc.moveDown(1)

  const top = doc.y
  block(doc, MARGIN, top, half, 'ENTE CREDITORE', [
    input.creditor.name,
    `Cod. Fiscale ${input.creditor.fiscalCode}`,
  ])
  block(doc, MARGIN + half + 20, top, half, 'DESTINATARIO AVVISO', [
    input.payer.name,
    `Cod. Fiscale ${input.payer.fiscalCode}`,
    ...(input.payer.address ? [input.payer.address] : []),
  ])
  doc.y = top + 80

  doc.font('bold').fontSize(12).fillColor(BLUE).text('QUANTO E QUANDO PAGARE?', MARGIN, doc.y)
  doc.font('bold').fontSize(18).fillColor(TEXT).text(input.amount, { continued: !!input.dueDate })
  if (input.dueDate) doc.font('regular').fontSize(12).text(`  entro il ${input.dueDate}`)
  doc.moveDown(0.3)
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      "L'importo è aggiornato automaticamente dal sistema e potrebbe subire variazioni per eventuali sgravi, note di credito, indennità di mora, sanzioni o interessi.",
      { width }
    )
  doc.moveDown(1)

  doc.font('bold').fontSize(12).fillColor(BLUE).text('DOVE PAGARE?', MARGIN, doc.y)
  doc
    .font('bold')
    .fontSize(10)
    .fillColor(TEXT)
    .text('PAGA SUL SITO O CON LE APP', { width })
    .font('regular')
    .text(
      `di ${input.creditor.name}, della tua banca o degli altri canali di pagamento. Potrai pagare con carte, conto corrente, CBILL.`,
      { width }
    )
    .moveDown(0.4)
    .font('bold')
    .text('PAGA SUL TERRITORIO', { width })
    .font('regular')
    .text(
      'in banca, in ricevitoria, dal tabaccaio, al bancomat, al supermercato. Potrai pagare in contanti, con carte o conto corrente.',
      { width }
    )
  doc.moveDown(1.5)

  slip(doc, input, qr, width)
  doc.end()
  return bytes
}

function block(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  title: string,
  lines: string[]
) {
  doc.font('bold').fontSize(10).fillColor(BLUE).text(title, x, y, { width })
  doc.font('bold').fontSize(11).fillColor(TEXT).text(lines[0], x, doc.y, { width })
  doc.font('regular').fontSize(10)
  for (const line of lines.slice(1)) doc.text(line, x, doc.y, { width })
}

/** "BANCHE E ALTRI CANALI": the part the payer shows at the counter. */
function slip(doc: PDFKit.PDFDocument, input: NoticeInput, qr: Buffer, width: number) {
  const top = doc.y
  const height = 190
  doc.rect(MARGIN, top, width, height).fill(SLIP_GREY)
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(BLUE)
    .text('BANCHE E ALTRI CANALI', MARGIN + 12, top + 10)
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(TEXT)
    .text('Inquadra il codice QR con la tua app', MARGIN + 12, doc.y, { width: 150 })
  const qrSize = 130
  doc.image(qr, MARGIN + 12, top + 44, { width: qrSize, height: qrSize })

  const x = MARGIN + 170
  const fieldWidth = width - 182
  const field = (label: string, value: string, y: number) => {
    doc.font('regular').fontSize(8.5).fillColor(MUTED).text(label, x, y, { width: fieldWidth })
    doc.font('bold').fontSize(11).fillColor(TEXT).text(value, x, doc.y, { width: fieldWidth })
  }
  field('Destinatario', input.payer.name, top + 12)
  field('Ente Creditore', input.creditor.name, top + 44)
  field('Oggetto del pagamento', input.description, top + 76)
  field('Codice Avviso', formatNoticeCode(input.noticeCode), top + 112)
  field('Cod. Fiscale Ente Creditore', input.creditor.fiscalCode, top + 144)
  doc
    .font('bold')
    .fontSize(14)
    .fillColor(TEXT)
    .text(input.amount, x, top + 12, { width: fieldWidth, align: 'right' })
  doc.y = top + height + 10
  doc.x = MARGIN
}
