import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

/**
 * The layout every PDF of a pratica shares (modulo compilato, the answer
 * to an integration request...): A4, Titillium Web (the Bootstrap Italia
 * typeface, embedded: any Italian text prints), the ente's header, label /
 * value rows, section titles, and a footer with the request number and
 * the page count on every page.
 */
export interface PdfEnte {
  name: string
  codiceFiscale: string
  address?: string | null
  email?: string | null
  pec?: string | null
}

const requireFromHere = createRequire(import.meta.url)
const FONTS = join(
  dirname(requireFromHere.resolve('bootstrap-italia/package.json')),
  'dist/fonts/Titillium_Web'
)
const REGULAR = join(FONTS, 'titillium-web-v10-latin-ext_latin-regular.ttf')
const BOLD = join(FONTS, 'titillium-web-v10-latin-ext_latin-600.ttf')

export const MARGIN = 50
const LABEL_WIDTH = 190
const GAP = 12
const PRIMARY = '#0066cc'
export const MUTED = '#5d7083'
export const TEXT = '#1a1a1a'

/** A new document and the promise of its bytes once `doc.end()` is called. */
export function openDocument(info: { title: string; author: string; subject: string }) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: 'it-IT',
    info: { Title: info.title, Author: info.author, Subject: info.subject },
  })
  doc.registerFont('regular', REGULAR)
  doc.registerFont('bold', BOLD)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, bytes }
}

export function contentWidth(doc: PDFKit.PDFDocument) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right
}

/** The ente, a rule, then what the document is (`kind`) and about what (`title`). */
export function header(doc: PDFKit.PDFDocument, ente: PdfEnte, kind: string, title: string) {
  const width = contentWidth(doc)
  doc.font('bold').fontSize(18).fillColor(PRIMARY).text(ente.name, { width })
  const details = [
    `Codice fiscale ${ente.codiceFiscale}`,
    ente.address,
    ente.pec ? `PEC ${ente.pec}` : ente.email,
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
  doc.font('regular').fontSize(10).fillColor(MUTED).text(kind, { width })
  doc.font('bold').fontSize(15).fillColor(TEXT).text(title, { width })
  doc.moveDown(0.8)
}

export function sectionTitle(doc: PDFKit.PDFDocument, title: string) {
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

export function rows(doc: PDFKit.PDFDocument, items: Array<{ label: string; value: string }>) {
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
    doc.fontSize(10.5).fillColor(TEXT).text(value, valueX, top, { width: valueWidth })
    doc.y = top + height + 5
  }
  doc.x = MARGIN
}

export function footers(doc: PDFKit.PDFDocument, requestNumber: string, generatedAt: string) {
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
        `Richiesta ${requestNumber} · generato il ${generatedAt} · pagina ${index + 1} di ${range.count}`,
        MARGIN,
        doc.page.height - bottom + 10,
        { width: contentWidth(doc), align: 'center', lineBreak: false }
      )
    doc.page.margins.bottom = bottom
  }
}
