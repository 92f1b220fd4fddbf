import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type { Outcome } from '#domain/pratica_work'
import { formatSize } from '#domain/forms/rules/files'
import { applicantContact } from '#services/pratiche/receipt'
import { attachmentFormatsHint } from '#services/pratiche/messages/attachment_types'
import { praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import type { OutcomeFormState } from '#services/backoffice/pratica/outcome'

/**
 * What the "Approva pratica" / "Rigetta pratica" page shows: the form,
 * empty or as it came back, and to whom the message goes.
 */
export interface OutcomeFormView {
  outcome: Outcome
  title: string
  action: string
  back: string
  serviceName: string
  statusLabel: string
  applicantName: string
  email: string | null
  allowPartial: boolean
  formatsHint: string
  body: string
  partial: boolean
  documentDraft: string | null
  attachmentsDraft: string | null
  document: Array<{ id: string; name: string; size: string }>
  attachments: Array<{ id: string; name: string; size: string }>
  errors: OutcomeFormState['errors']
}

const kept = (uploads: OutcomeFormState['document']) =>
  uploads.map((upload) => ({
    id: upload.id,
    name: upload.clientName,
    size: formatSize(upload.size),
  }))

export async function outcomeFormView(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  outcome: Outcome,
  state: OutcomeFormState | null
): Promise<OutcomeFormView> {
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const contact = applicantContact(pratica, citizen)
  const base = praticaBaseUrl(ente, pratica)
  const path = outcome === 'approve' ? 'approva' : 'rigetta'
  return {
    outcome,
    title: outcome === 'approve' ? 'Approva pratica' : 'Rigetta pratica',
    action: `${base}/${path}`,
    back: base,
    serviceName: service.name,
    statusLabel: pratica.statusLabel,
    applicantName: `${contact.firstName} ${contact.lastName}`.trim(),
    email: contact.email,
    allowPartial: outcome === 'approve' && service.allowPartialApproval,
    formatsHint: attachmentFormatsHint(),
    body: state?.body ?? '',
    partial: state?.partial ?? false,
    documentDraft: state?.document.length ? state.documentDraft : null,
    attachmentsDraft: state?.attachments.length ? state.attachmentsDraft : null,
    document: kept(state?.document ?? []),
    attachments: kept(state?.attachments ?? []),
    errors: state?.errors ?? {},
  }
}
