import { createHash } from 'node:crypto'
import {
  contentWidth,
  footers,
  header,
  MARGIN,
  MUTED,
  openDocument,
  rows,
  sectionTitle,
  TEXT,
  type PdfEnte,
} from '#services/pdf/pratica_pdf'
import { formatSize } from '#domain/forms/rules/files'

/**
 * "I messaggi selezionati verranno inclusi nel pdf di risposta alle
 * integrazioni": the request, then each accepted message with its text
 * and files. Pictures (JPEG, PNG) are printed in the PDF; every other file
 * is listed with its size and SHA-256, so the PDF names exactly the
 * files kept with the pratica.
 */
export interface AnswerFile {
  name: string
  mimeType: string
  bytes: Buffer
}

export interface AnswerMessage {
  author: string
  when: string
  body: string
  files: AnswerFile[]
}

export interface AnswerPdfInput {
  ente: PdfEnte
  serviceName: string
  requestNumber: string
  request: { author: string; when: string; body: string }
  answers: AnswerMessage[]
  acceptedBy: string
  generatedAt: string
}

const PRINTABLE = new Set(['image/jpeg', 'image/png'])

export function renderIntegrationAnswer(input: AnswerPdfInput): Promise<Buffer> {
  const { doc, bytes } = openDocument({
    title: `Risposta alle integrazioni - ${input.serviceName}`,
    author: input.ente.name,
    subject: `Richiesta ${input.requestNumber}`,
  })
  header(doc, input.ente, 'Risposta alla richiesta di integrazioni', input.serviceName)
  rows(doc, [
    { label: 'Numero richiesta', value: input.requestNumber },
    { label: 'Integrazioni accettate da', value: input.acceptedBy },
    { label: 'Accettate il', value: input.generatedAt },
  ])
  sectionTitle(doc, 'Richiesta di integrazioni')
  rows(doc, [
    { label: 'Da', value: input.request.author },
    { label: 'Inviata il', value: input.request.when },
  ])
  paragraph(doc, input.request.body)

  input.answers.forEach((answer, index) => {
    sectionTitle(doc, `Integrazione ${index + 1} di ${input.answers.length}`)
    rows(doc, [
      { label: 'Da', value: answer.author },
      { label: 'Inviata il', value: answer.when },
      {
        label: 'Documenti allegati',
        value: answer.files.length ? answer.files.map(describe).join('\n') : 'nessuno',
      },
    ])
    paragraph(doc, answer.body)
    for (const file of answer.files.filter((entry) => PRINTABLE.has(entry.mimeType))) {
      picture(doc, file)
    }
  })
  footers(doc, input.requestNumber, input.generatedAt)
  doc.end()
  return bytes
}

function describe(file: AnswerFile) {
  const sha = createHash('sha256').update(file.bytes).digest('hex')
  return `${file.name} (${formatSize(file.bytes.length)}, SHA-256 ${sha})`
}

function paragraph(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.3)
  doc
    .font('regular')
    .fontSize(10.5)
    .fillColor(TEXT)
    .text(text, MARGIN, doc.y, {
      width: contentWidth(doc),
    })
  doc.moveDown(0.5)
}

function picture(doc: PDFKit.PDFDocument, file: AnswerFile) {
  const height = 320
  if (doc.y + height + 20 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.font('regular').fontSize(9).fillColor(MUTED).text(file.name, MARGIN, doc.y)
  try {
    doc.image(file.bytes, MARGIN, doc.y + 4, { fit: [contentWidth(doc), height] })
    doc.y += height + 12
  } catch {
    doc.text("(l'immagine non si può stampare: resta allegata alla pratica)")
  }
  doc.x = MARGIN
}
