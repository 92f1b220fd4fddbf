import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Pratica from '#models/pratica'
import PraticaMessage, { type MessageVisibility } from '#models/pratica_message'
import { outbox } from '#queue/outbox'
import { adoptUploads } from '#services/forms/uploads'
import type { Actor } from '#services/pratiche/change_status'

export const PRATICA_MESSAGE_CREATED = 'pratica.message_created'

export interface NewMessage {
  author: Actor
  body: string
  subject?: string
  visibility?: MessageVisibility
  /** uploads to attach, by their current owner (e.g. "draft:<token>") */
  attachmentsFrom?: string
}

/**
 * Adds a message to a pratica (with its attachments) and records the
 * event that notifies the other side, in the caller's transaction.
 */
export async function postMessage(
  trx: TransactionClientContract,
  pratica: Pratica,
  message: NewMessage
) {
  const created = await PraticaMessage.create(
    {
      enteId: pratica.enteId,
      praticaId: pratica.id,
      authorType: message.author.type,
      authorId: message.author.id ?? null,
      authorName: message.author.name ?? null,
      subject: message.subject ?? null,
      body: message.body,
      visibility: message.visibility ?? 'applicant',
    },
    { client: trx }
  )
  if (message.attachmentsFrom) {
    await adoptUploads({ id: pratica.enteId }, message.attachmentsFrom, created.uploadOwner, trx)
  }
  await outbox.record(trx, {
    type: PRATICA_MESSAGE_CREATED,
    enteId: pratica.enteId,
    payload: { praticaId: pratica.id, messageId: created.id, visibility: created.visibility },
  })
  return created
}
