import type { Language } from '#domain/languages'
import {
  footers,
  header,
  openDocument,
  rows,
  sectionTitle,
  contentWidth,
  MARGIN,
  TEXT,
  type PdfEnte,
} from '#services/pdf/pratica_pdf'

/**
 * The response document of Approva / Rigetta when the operator uploads
 * none: made from the response message ("Se non caricato, la piattaforma
 * lo genererà automaticamente partendo dal messaggio di risposta"). Its
 * labels are in the ente's languages (Italian first, then the others the
 * ente enables, e.g. "Esito della richiesta / Ergebnis des Antrags").
 */
export type ResponseOutcome = 'approved' | 'partially_approved' | 'rejected'

export interface ResponseDocumentInput {
  ente: PdfEnte & { languages: Language[] }
  serviceName: string
  requestNumber: string
  applicant: { name: string; fiscalCode: string | null }
  outcome: ResponseOutcome
  /** the response message as paragraphs of plain text */
  paragraphs: string[]
  operatorName: string
  /** already formatted, e.g. "15 apr 2025 alle 11:57" */
  decidedAt: string
}

const LABELS: Record<Language, Record<string, string>> = {
  it: {
    kind: 'Esito della richiesta',
    number: 'Numero richiesta',
    applicant: 'Richiedente',
    fiscalCode: 'Codice fiscale',
    outcome: 'Esito',
    approved: 'Accettata',
    partially_approved: 'Parzialmente approvata',
    rejected: 'Rifiutata',
    decidedAt: 'Data',
    operator: 'Operatore',
    message: 'Messaggio di risposta',
  },
  en: {
    kind: 'Outcome of the request',
    number: 'Request number',
    applicant: 'Applicant',
    fiscalCode: 'Tax code',
    outcome: 'Outcome',
    approved: 'Accepted',
    partially_approved: 'Partially approved',
    rejected: 'Rejected',
    decidedAt: 'Date',
    operator: 'Officer',
    message: 'Response',
  },
  de: {
    kind: 'Ergebnis des Antrags',
    number: 'Antragsnummer',
    applicant: 'Antragsteller',
    fiscalCode: 'Steuernummer',
    outcome: 'Ergebnis',
    approved: 'Angenommen',
    partially_approved: 'Teilweise genehmigt',
    rejected: 'Abgelehnt',
    decidedAt: 'Datum',
    operator: 'Sachbearbeiter',
    message: 'Antwort',
  },
}

export function renderResponseDocument(input: ResponseDocumentInput): Promise<Buffer> {
  const languages = input.ente.languages.length ? input.ente.languages : (['it'] as Language[])
  const label = (key: string) => languages.map((language) => LABELS[language][key]).join(' / ')
  const { doc, bytes } = openDocument({
    title: `${LABELS.it.kind} - ${input.serviceName}`,
    author: input.ente.name,
    subject: `Richiesta ${input.requestNumber}`,
  })
  header(doc, input.ente, label('kind'), input.serviceName)
  rows(doc, [
    { label: label('number'), value: input.requestNumber },
    { label: label('applicant'), value: input.applicant.name },
    ...(input.applicant.fiscalCode
      ? [{ label: label('fiscalCode'), value: input.applicant.fiscalCode }]
      : []),
    { label: label('outcome'), value: label(input.outcome) },
    { label: label('decidedAt'), value: input.decidedAt },
    { label: label('operator'), value: input.operatorName },
  ])
  sectionTitle(doc, label('message'))
  doc.font('regular').fontSize(10.5).fillColor(TEXT)
  for (const paragraph of input.paragraphs) {
    doc.text(paragraph, MARGIN, doc.y, { width: contentWidth(doc) })
    doc.moveDown(0.6)
  }
  footers(doc, input.requestNumber, input.decidedAt)
  doc.end()
  return bytes
}
