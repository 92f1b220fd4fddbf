import logger from '@adonisjs/core/services/logger'
import Ente from '#models/ente'
import messagingManager from '#extension_points/messaging/manager'
import { MessageRefusedError } from '#extension_points/messaging/errors'
import type { OutboxJobPayload } from '#queue/outbox'
import type { MessageRequest } from '#services/messaging/request_message'

export const DELIVER_MESSAGE_JOB = 'messaging.deliver'

/**
 * Sends a requested message through its channel. The idempotency key is
 * the outbox event's, so a job delivered twice sends once (the channel
 * keeps the key). A refusal is final and is not retried; any other error
 * (channel down, throttled) is thrown, and the queue retries with back-off.
 */
export async function deliverMessage(event: OutboxJobPayload<MessageRequest>) {
  const ente = await Ente.findOrFail(event.enteId)
  const { adapter } = await messagingManager.forEnte(ente, event.payload.channel)
  try {
    const result = await adapter.send({
      idempotencyKey: `message:${event.eventId}`,
      recipient: event.payload.recipient,
      subject: event.payload.subject,
      body: event.payload.body,
    })
    logger.info(
      { ente: ente.slug, channel: event.payload.channel, messageId: result.messageId },
      'message sent'
    )
  } catch (error) {
    if (error instanceof MessageRefusedError) {
      logger.warn(
        {
          ente: ente.slug,
          channel: event.payload.channel,
          reason: error.reason,
          detail: error.detail,
        },
        `message refused: ${error.message}`
      )
      return
    }
    throw error
  }
}
