import PDFDocument from 'pdfkit'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import type { PosizioneDati } from '../messages.js'

/**
 * The avviso the simulated GeneratorPdf makes: the position's data in a
 * plain layout (Plug&Pay fills pagoPA's official template with the ente's
 * registered data).
 */
export function avvisoPdf(posizione: PosizioneDati): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Avviso di pagamento' } })
    const chunks: Buffer[] = []
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)
    pdf.fontSize(20).text('AVVISO DI PAGAMENTO')
    pdf.fontSize(9).fillColor('#555').text('Simulatore Plug&Pay (GeneratorPdf)').moveDown()
    const rows: Array<[string, string]> = [
      ['OGGETTO DEL PAGAMENTO', posizione.causale],
      [
        'ENTE CREDITORE',
        `${posizione.creditore.intestazione} - ${posizione.creditore.codiceFiscalePartitaIva}`,
      ],
      [
        'DESTINATARIO',
        `${posizione.debitore.nominativo} - ${posizione.debitore.codiceFiscalePartitaIva}`,
      ],
      ['IMPORTO', `${(posizione.importoCents / 100).toFixed(2).replace('.', ',')} €`],
      ['CODICE AVVISO', formatNoticeCode(`3${posizione.iuv}`)],
    ]
    for (const [label, value] of rows) {
      pdf.fontSize(9).fillColor('#555').text(label)
      pdf.fontSize(12).fillColor('#000').text(value).moveDown(0.5)
    }
    pdf.end()
  })
}
