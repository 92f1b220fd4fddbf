import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { outbox } from '#queue/outbox'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { MessageBody, MessageRecipient } from '#extension_points/messaging/contract'

export const MESSAGE_REQUESTED = 'message.requested'

/** A message to send through one of the ente's messaging channels. */
export interface MessageRequest {
  /** plugin id of the channel, e.g. messaging_email */
  channel: string
  recipient: MessageRecipient
  subject: string
  body: MessageBody
}

/**
 * Asks for a message in the same transaction as the change that causes
 * it: the outbox hands it to the `messaging.deliver` job once committed,
 * so a message is never sent for a change that rolled back, nor lost when
 * the channel is down.
 */
export function requestMessage(
  trx: TransactionClientContract,
  ente: EnteRef,
  request: MessageRequest
) {
  return outbox.record(trx, { type: MESSAGE_REQUESTED, enteId: ente.id, payload: { ...request } })
}
