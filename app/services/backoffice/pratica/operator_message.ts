import db from '@adonisjs/lucid/services/db'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type Upload from '#models/upload'
import { draftOwner, newDraftToken, removeUpload } from '#services/forms/uploads'
import { postMessage } from '#services/pratiche/post_message'
import { acceptAttachments } from '#services/pratiche/messages/attachments'
import { MESSAGE_MAX_LENGTH, type MessageErrors } from '#services/pratiche/messages/citizen_message'
import { emailApplicant } from '#services/backoffice/integrations/email_applicant'
import type { Acting } from '#services/operators/types'
import { auditPratica, operatorActor } from '#services/backoffice/pratica/locked_pratica'

/**
 * The Messaggi tab's form: "Invia messaggio" writes to the citizen (a
 * message of the pratica, e-mailed to them), "Aggiungi nota interna" keeps
 * the text among operators (visibility internal: never in the personal
 * area, never e-mailed). Any operator who may open the pratica may write.
 * A message with a problem is not sent and comes back as typed, with the
 * files already accepted kept under the form's draft token.
 */
export type OperatorMessageKind = 'message' | 'note'

export interface OperatorMessageInput {
  kind: OperatorMessageKind
  body: unknown
  draft: unknown
  remove: unknown
  files: MultipartFile[]
}

export type OperatorMessageOutcome =
  | { sent: true }
  | { sent?: undefined; body: string; draft: string; kept: Upload[]; errors: MessageErrors }

export async function writeOnPratica(
  ente: Ente,
  pratica: Pratica,
  service: Pick<Service, 'name'>,
  input: OperatorMessageInput,
  by: Acting
): Promise<OperatorMessageOutcome> {
  const body = typeof input.body === 'string' ? input.body.trim() : ''
  const draft = draftOwner(input.draft) ? String(input.draft) : newDraftToken()
  const owner = draftOwner(draft)!
  const removing = typeof input.remove === 'string' && input.remove.length > 0
  if (removing) await removeUpload(ente, owner, input.remove as string)
  const { errors: fileErrors, kept } = await acceptAttachments(ente, owner, input.files)
  const errors: MessageErrors = {}
  if (fileErrors.length > 0) errors.attachments = fileErrors
  if (!removing && body.length === 0) errors.body = 'Scrivi il testo del messaggio.'
  if (body.length > MESSAGE_MAX_LENGTH) {
    errors.body = `Il messaggio può contenere al massimo ${MESSAGE_MAX_LENGTH.toLocaleString('it-IT')} caratteri.`
  }
  if (removing || Object.keys(errors).length > 0) return { body, draft, kept, errors }

  const note = input.kind === 'note'
  await db.transaction(async (trx) => {
    const message = await postMessage(trx, pratica, {
      author: operatorActor(by.actor),
      body,
      visibility: note ? 'internal' : 'applicant',
      attachmentsFrom: owner,
    })
    if (!note) {
      await emailApplicant(trx, ente, pratica, {
        subject: `Nuovo messaggio sulla tua richiesta: ${service.name}`,
        text: body,
      })
    }
    await auditPratica(trx, note ? 'pratica_note_added' : 'pratica_message_sent', pratica, by, {
      message: message.id,
      attachments: kept.length,
    })
  })
  return { sent: true }
}
