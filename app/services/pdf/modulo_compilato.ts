import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import type { SummarySection } from '#domain/forms/summary'

/**
 * The "modulo compilato": the PDF of a sent pratica, made from its data
 * (pure JS, no browser). The ente's header, the service, the request
 * number and dates, the applicant, then every visible field of the form
 * with its label, by section, as the Riepilogo shows them: hidden fields
 * are not in the data, so they cannot be here either. Titillium Web (the
 * Bootstrap Italia typeface, embedded) prints any Italian text.
 */
export interface ModuloCompilatoInput {
  ente: {
    name: string
    codiceFiscale: string
    address?: string | null
    email?: string | null
    pec?: string | null
  }
  serviceName: string
  requestNumber: string
  /** already formatted, e.g. "15 apr 2025 alle 11:57" */
  submittedAt: string
  responseDue: string | null
  applicant: { name: string; fiscalCode: string } | null
  sections: SummarySection[]
  generatedAt: string
}

const requireFromHere = createRequire(import.meta.url)
const FONTS = join(
  dirname(requireFromHere.resolve('bootstrap-italia/package.json')),
  'dist/fonts/Titillium_Web'
)
const REGULAR = join(FONTS, 'titillium-web-v10-latin-ext_latin-regular.ttf')
const BOLD = join(FONTS, 'titillium-web-v10-latin-ext_latin-600.ttf')

const MARGIN = 50
const LABEL_WIDTH = 190
const GAP = 12
const PRIMARY = '#0066cc'
const MUTED = '#5d7083'

export function renderModuloCompilato(input: ModuloCompilatoInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'it-IT',
    info: {
      Title: `Modulo compilato - ${input.serviceName}`,
      Author: input.ente.name,
      Subject: `Richiesta ${input.requestNumber}`,
    },
  })
  doc.registerFont('regular', REGULAR)
  doc.registerFont('bold', BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  header(doc, input)
  rows(doc, [
    { label: 'Numero richiesta', value: input.requestNumber },
    { label: 'Richiesta presentata il', value: input.submittedAt },
    ...(input.responseDue
      ? [{ label: 'Riceverai risposta entro il', value: input.responseDue }]
      : []),
    ...(input.applicant
      ? [
          { label: 'Richiedente', value: input.applicant.name },
          { label: 'Codice fiscale del richiedente', value: input.applicant.fiscalCode },
        ]
      : []),
  ])
  for (const section of input.sections) {
    sectionTitle(doc, section.title)
    rows(doc, section.rows)
  }
  footers(doc, input)
  doc.end()
  return done
}

function contentWidth(doc: PDFKit.PDFDocument) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

function header(doc: PDFKit.PDFDocument, input: ModuloCompilatoInput) {
  const width = contentWidth(doc)
  doc.font('bold').fontSize(18).fillColor(PRIMARY).text(input.ente.name, { width })
  const details = [
    `Codice fiscale ${input.ente.codiceFiscale}`,
    input.ente.address,
    input.ente.pec ? `PEC ${input.ente.pec}` : input.ente.email,
  ].filter(Boolean)
  doc.font('regular').fontSize(9).fillColor(MUTED).text(details.join(' · '), { width })
  doc.moveDown(0.5)
  const y = doc.y
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + width, y)
    .lineWidth(1.5)
    .strokeColor(PRIMARY)
    .stroke()
  doc.moveDown(1)
  doc.font('regular').fontSize(10).fillColor(MUTED).text('Modulo compilato', { width })
  doc.font('bold').fontSize(15).fillColor('#1a1a1a').text(input.serviceName, { width })
  doc.moveDown(0.8)
}

function sectionTitle(doc: PDFKit.PDFDocument, title: string) {
  doc.font('bold').fontSize(12)
  // a title is never left alone at the bottom of a page
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage()
  doc.moveDown(0.6)
  doc.fillColor(PRIMARY).text(title, MARGIN, doc.y, { width: contentWidth(doc) })
  const y = doc.y + 2
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor('#c5c7c9')
    .stroke()
  doc.y = y + 6
}

function rows(doc: PDFKit.PDFDocument, items: Array<{ label: string; value: string }>) {
  const valueX = MARGIN + LABEL_WIDTH + GAP
  const valueWidth = contentWidth(doc) - LABEL_WIDTH - GAP
  for (const item of items) {
    const value = item.value || '—'
    doc.font('regular').fontSize(9)
    const labelHeight = doc.heightOfString(item.label, { width: LABEL_WIDTH })
    doc.fontSize(10.5)
    const valueHeight = doc.heightOfString(value, { width: valueWidth })
    const height = Math.max(labelHeight, valueHeight)
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage()
    const top = doc.y
    doc.font('regular').fontSize(9).fillColor(MUTED).text(item.label, MARGIN, top, {
      width: LABEL_WIDTH,
    })
    doc.fontSize(10.5).fillColor('#1a1a1a').text(value, valueX, top, { width: valueWidth })
    doc.y = top + height + 5
  }
  doc.x = MARGIN
}

function footers(doc: PDFKit.PDFDocument, input: ModuloCompilatoInput) {
  const range = doc.bufferedPageRange()
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index)
    const bottom = doc.page.margins.bottom
    // writing inside the bottom margin must not add a page
    doc.page.margins.bottom = 0
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        `Richiesta ${input.requestNumber} · generato il ${input.generatedAt} · pagina ${index + 1} di ${range.count}`,
        MARGIN,
        doc.page.height - bottom + 10,
        { width: contentWidth(doc), align: 'center', lineBreak: false }
      )
    doc.page.margins.bottom = bottom
  }
}
