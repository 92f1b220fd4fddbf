import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type Citizen from '#models/citizen'
import type Pratica from '#models/pratica'
import type PraticaMessage from '#models/pratica_message'
import type Upload from '#models/upload'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { PraticaStatus } from '#domain/pratica_status'
import { draftOwner, newDraftToken, removeUpload } from '#services/forms/uploads'
import { postMessage } from '#services/pratiche/post_message'
import { acceptAttachments } from '#services/pratiche/messages/attachments'

/**
 * "Invia messaggio" of a pratica's Messaggi: the applicant writes to the
 * office, with attachments. Allowed in every state once the pratica is
 * sent, closed ones included (the manual: the citizen can always write).
 * A message with a problem is not sent and comes back as typed, with the
 * files already accepted kept under the form's draft token.
 */
export const MESSAGE_MAX_LENGTH = 10_000

export interface CitizenMessageInput {
  body: unknown
  /** the draft token the form carries once a file was accepted */
  draft: unknown
  /** "Rimuovi" on a kept file: its id */
  remove: unknown
  files: MultipartFile[]
}

export type MessageErrors = { body?: string; attachments?: string[]; pratica?: string }

export type CitizenMessageOutcome =
  | { sent: PraticaMessage }
  | { sent?: undefined; body: string; draft: string; kept: Upload[]; errors: MessageErrors }

/** Why the applicant cannot write on this pratica, or null. */
export function messagingRefusal(pratica: Pratica) {
  return pratica.status === PraticaStatus.DRAFT
    ? "Potrai scrivere all'ufficio dopo aver inviato la pratica."
    : null
}

function bodyProblem(body: string) {
  if (body.length === 0) return 'Scrivi il testo del messaggio.'
  if (body.length > MESSAGE_MAX_LENGTH)
    return `Il messaggio può contenere al massimo ${MESSAGE_MAX_LENGTH.toLocaleString('it-IT')} caratteri.`
  return null
}

export type MessageForm =
  | { ready: true; body: string; draft: string; owner: string }
  | { ready: false; body: string; draft: string; kept: Upload[]; errors: MessageErrors }

/**
 * A message form as sent (the citizen's, an operator's): the text, the
 * files accepted under the form's draft token, "Rimuovi" on a kept file.
 * Ready to post, or back to the writer as typed with the reasons.
 */
export async function readMessageForm(
  ente: EnteRef,
  input: CitizenMessageInput
): Promise<MessageForm> {
  const body = typeof input.body === 'string' ? input.body.trim() : ''
  const draft = draftOwner(input.draft) ? String(input.draft) : newDraftToken()
  const owner = draftOwner(draft)!
  const errors: MessageErrors = {}

  const removing = typeof input.remove === 'string' && input.remove.length > 0
  if (removing) await removeUpload(ente, owner, input.remove as string)
  const { errors: fileErrors, kept } = await acceptAttachments(ente, owner, input.files)
  if (fileErrors.length > 0) errors.attachments = fileErrors
  // "Rimuovi" only changes the attachments: the text is checked when sending
  const problem = removing ? null : bodyProblem(body)
  if (problem) errors.body = problem

  if (removing || Object.keys(errors).length > 0) {
    return { ready: false, body, draft, kept, errors }
  }
  return { ready: true, body, draft, owner }
}

export async function sendCitizenMessage(
  ente: EnteRef,
  pratica: Pratica,
  citizen: Citizen,
  input: CitizenMessageInput
): Promise<CitizenMessageOutcome> {
  const refusal = messagingRefusal(pratica)
  if (refusal) {
    const body = typeof input.body === 'string' ? input.body.trim() : ''
    return { body, draft: newDraftToken(), kept: [], errors: { pratica: refusal } }
  }
  const form = await readMessageForm(ente, input)
  if (!form.ready) return form

  const sent = await db.transaction((trx) =>
    postMessage(trx, pratica, {
      author: { type: 'citizen', id: citizen.id, name: citizen.fullName },
      body: form.body,
      attachmentsFrom: form.owner,
    })
  )
  return { sent }
}
