import { formatSize } from '#domain/forms/rules/files'
import type {
  CitizenMessageOutcome,
  MessageErrors,
} from '#services/pratiche/messages/citizen_message'

/**
 * The state of the "Invia messaggio" form on the pratica page: empty, or
 * as the citizen sent it when it came back (text, files already accepted
 * under the draft token, the reasons next to the fields).
 */
export interface MessageFormView {
  body: string
  draft: string | null
  kept: Array<{ id: string; name: string; size: string }>
  errors: MessageErrors
  /** the page opens on the Messaggi tab */
  open: boolean
}

export function emptyMessageForm(): MessageFormView {
  return { body: '', draft: null, kept: [], errors: {}, open: false }
}

export function returnedMessageForm(
  outcome: Exclude<CitizenMessageOutcome, { sent: object }>
): MessageFormView {
  return {
    body: outcome.body,
    draft: outcome.kept.length > 0 ? outcome.draft : null,
    kept: outcome.kept.map((upload) => ({
      id: upload.id,
      name: upload.clientName,
      size: formatSize(upload.size),
    })),
    errors: outcome.errors,
    open: true,
  }
}
