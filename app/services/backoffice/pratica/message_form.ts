import type Upload from '#models/upload'
import { formatSize } from '#domain/forms/rules/files'

/**
 * The state of the operator's message form: empty, or as it was sent when
 * it came back (text, files already accepted under the draft token, the
 * reasons next to the fields).
 */
export type OperatorMessageErrors = { body?: string; attachments?: string[] }

export interface OperatorMessageForm {
  body: string
  draft: string | null
  kept: Array<{ id: string; name: string; size: string }>
  errors: OperatorMessageErrors
  /** the page opens on the Messaggi tab */
  open: boolean
}

export function emptyMessageForm(): OperatorMessageForm {
  return { body: '', draft: null, kept: [], errors: {}, open: false }
}

export function returnedMessageForm(returned: {
  body: string
  draft: string
  kept: Upload[]
  errors: OperatorMessageErrors
}): OperatorMessageForm {
  return {
    body: returned.body,
    draft: returned.kept.length > 0 ? returned.draft : null,
    kept: returned.kept.map((upload) => ({
      id: upload.id,
      name: upload.clientName,
      size: formatSize(upload.size),
    })),
    errors: returned.errors,
    open: true,
  }
}
