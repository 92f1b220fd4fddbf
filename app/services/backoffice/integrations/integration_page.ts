import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type User from '#models/user'
import IntegrationRequest from '#models/integration_request'
import PraticaDocument from '#models/pratica_document'
import PraticaMessage from '#models/pratica_message'
import { formatSize } from '#domain/forms/rules/files'
import { integrationActions } from '#domain/integrations'
import { dateAndTime } from '#services/pratiche/dates'
import { applicantContact } from '#services/pratiche/receipt'
import { praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { attachmentFormatsHint } from '#services/pratiche/messages/attachment_types'
import { uploadsOf } from '#services/forms/uploads'
import { subjectOf } from '#services/backoffice/integrations/acting'
import { answersOf, openRequestOf } from '#services/backoffice/integrations/open_request'
import { INTEGRATIONS_DOCUMENT } from '#services/backoffice/integrations/accept_integrations'

/**
 * What the integration pages show: the pratica's title and applicant, the
 * buttons of the moment, the open request with the citizen's answers
 * (each with its files, to tick for "Accetta integrazioni"), the PDFs of
 * the answers accepted before, and the text "Richiedi integrazione"
 * starts from (the manual's).
 */
export interface FileLink {
  name: string
  size: string
  url: string
}

export interface IntegrationPageView {
  base: string
  serviceName: string
  statusLabel: string
  applicant: { name: string; email: string | null }
  actions: ReturnType<typeof integrationActions>
  request: { body: string; when: string; author: string; files: FileLink[] } | null
  answers: Array<{ id: number; author: string; when: string; body: string; files: FileLink[] }>
  accepted: FileLink[]
  formatsHint: string
  defaultText: string
}

export async function integrationPage(
  ente: Ente,
  user: User,
  pratica: Pratica,
  service: Service
): Promise<IntegrationPageView> {
  const base = praticaBaseUrl(ente, pratica)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const contact = applicantContact(pratica, citizen)
  const name = `${contact.firstName} ${contact.lastName}`.trim()
  const fileLink = (file: { id: string; clientName: string; size: number }) => ({
    name: file.clientName,
    size: formatSize(file.size),
    url: `${base}/allegati/${file.id}`,
  })

  const open = await openRequestOf(pratica)
  const requestMessage = open ? await PraticaMessage.find(open.requestMessageId) : null
  const answers = open ? await answersOf(ente, open) : []
  const requestFiles = requestMessage ? await uploadsOf(ente, requestMessage.uploadOwner) : []

  return {
    base,
    serviceName: service.name,
    statusLabel: pratica.statusLabel,
    applicant: { name, email: contact.email },
    actions: integrationActions(subjectOf(pratica, service), user.id),
    request: requestMessage
      ? {
          body: requestMessage.body,
          when: dateAndTime(requestMessage.createdAt),
          author: requestMessage.authorName ?? ente.name,
          files: requestFiles.map(fileLink),
        }
      : null,
    answers: answers.map(({ message, files }) => ({
      id: message.id,
      author: message.authorName ?? name,
      when: dateAndTime(message.createdAt),
      body: message.body,
      files: files.map(fileLink),
    })),
    accepted: await acceptedDocuments(pratica, base),
    formatsHint: attachmentFormatsHint(),
    defaultText:
      `Gentile ${name}\nti comunichiamo che è necessaria un'integrazione ai dati della tua ` +
      `richiesta per il servizio ${service.name}.\n\n\n\n` +
      'Per effettuare l’integrazione utilizza il pulsante sottostante.',
  }
}

async function acceptedDocuments(pratica: Pratica, base: string): Promise<FileLink[]> {
  const documents = await PraticaDocument.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .where('kind', INTEGRATIONS_DOCUMENT)
    .whereIn(
      'id',
      IntegrationRequest.query().where('pratica_id', pratica.id).select('answer_document_id')
    )
    .orderBy('id')
  return documents.map((document) => ({
    name: document.fileName,
    size: formatSize(document.size),
    url: `${base}/documenti/${document.id}`,
  }))
}
