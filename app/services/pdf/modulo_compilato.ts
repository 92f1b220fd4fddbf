import type { SummarySection } from '#domain/forms/summary'
import {
  footers,
  header,
  openDocument,
  rows,
  sectionTitle,
  type PdfEnte,
} from '#services/pdf/pratica_pdf'

/**
 * The "modulo compilato": the PDF of a sent pratica, made from its data
 * (pure JS, no browser). The ente's header, the service, the request
 * number and dates, the applicant, then every visible field of the form
 * with its label, by section, as the Riepilogo shows them: hidden fields
 * are not in the data, so they cannot be here either. Titillium Web (the
 * Bootstrap Italia typeface, embedded) prints any Italian text.
 */
export interface ModuloCompilatoInput {
  ente: PdfEnte
  serviceName: string
  requestNumber: string
  /** already formatted, e.g. "15 apr 2025 alle 11:57" */
  submittedAt: string
  responseDue: string | null
  applicant: { name: string; fiscalCode: string } | null
  sections: SummarySection[]
  generatedAt: string
}

export function renderModuloCompilato(input: ModuloCompilatoInput): Promise<Buffer> {
  const { doc, bytes } = openDocument({
    title: `Modulo compilato - ${input.serviceName}`,
    author: input.ente.name,
    subject: `Richiesta ${input.requestNumber}`,
  })
  header(doc, input.ente, 'Modulo compilato', input.serviceName)
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
  footers(doc, input.requestNumber, input.generatedAt)
  doc.end()
  return bytes
}
