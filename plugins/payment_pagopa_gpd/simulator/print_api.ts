import PDFDocument from 'pdfkit'
import { formatNoticeCode } from '#extension_points/payment/notice_code'
import { json, problem, type SimulatedApi } from './http.js'

/**
 * pagoPA's print-payment-notice-service, reduced to what the plugin uses:
 * the templates and `POST /notices/generate`, which answers the avviso as a
 * PDF. The simulator's PDF carries the request's data in a plain layout; the
 * real service fills pagoPA's official template with the ente's registered
 * data (logo, CBILL, postal account).
 */
export const SIMULATED_TEMPLATE = {
  templateId: 'simulatore-avviso-rata-unica',
  description: 'Avviso di pagamento in unica soluzione (simulatore)',
}

interface NoticeData {
  notice: { subject: string; paymentAmount?: number; dueDate?: string; code?: string }
  creditorInstitution: { taxCode: string }
  debtor: { taxCode?: string; fullName: string }
}

function euro(cents: number) {
  return new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

export function noticePdf(data: NoticeData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'Avviso di pagamento' } })
    const chunks: Buffer[] = []
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    pdf.on('error', reject)

    pdf.fontSize(20).text('AVVISO DI PAGAMENTO', { align: 'left' })
    pdf
      .moveDown(0.3)
      .fontSize(9)
      .fillColor('#555')
      .text('Simulatore del servizio Stampa avvisi pagoPA')
    pdf.fillColor('#000').moveDown()
    pdf.fontSize(12).text(data.notice.subject)
    pdf.moveDown()
    const line = (label: string, value: string) => {
      pdf.fontSize(9).fillColor('#555').text(label)
      pdf.fontSize(12).fillColor('#000').text(value).moveDown(0.5)
    }
    line('ENTE CREDITORE (codice fiscale)', data.creditorInstitution.taxCode)
    line(
      'DESTINATARIO DELL’AVVISO',
      [data.debtor.fullName, data.debtor.taxCode].filter(Boolean).join(' - ')
    )
    if (data.notice.paymentAmount !== undefined) line('IMPORTO', euro(data.notice.paymentAmount))
    if (data.notice.dueDate) line('ENTRO IL', data.notice.dueDate)
    if (data.notice.code) line('CODICE AVVISO', formatNoticeCode(data.notice.code))
    pdf.end()
  })
}

export const printApi: SimulatedApi = {
  base: '/print-payment-notice-service/external/v1',
  document: 'print-payment-notice-service',
  handlers: {
    async getTemplates({ root }) {
      return json(200, [
        { ...SIMULATED_TEMPLATE, templateExampleUrl: `${root}/print-payment-notice-service` },
      ])
    },
    async generateNotice({ body }) {
      if (body.templateId !== SIMULATED_TEMPLATE.templateId) {
        return problem(400, 'Bad Request', `Unknown template ${body.templateId}`)
      }
      return {
        status: 201,
        headers: { 'content-type': 'application/pdf' },
        body: await noticePdf(body.data),
      }
    },
  },
}
