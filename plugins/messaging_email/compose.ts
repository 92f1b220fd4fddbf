import { createHash } from 'node:crypto'
import type { OutgoingMessage } from '#extension_points/messaging/contract'
import type { ComposedMail } from './delivery.js'

export interface Sender {
  senderAddress: string
  senderName: string
  replyTo?: string
}

/**
 * Builds the e-mail for one message. The Message-ID derives from the ente
 * and the idempotency key, so a retry that slips past the adapter's memory
 * (another worker, a restart) carries the same Message-ID and mail clients
 * show it once.
 */
export function composeMail(
  message: OutgoingMessage,
  address: string,
  sender: Sender,
  enteId: number
): ComposedMail {
  const domain = sender.senderAddress.split('@')[1]
  const digest = createHash('sha256')
    .update(`${enteId}:${message.idempotencyKey}`)
    .digest('hex')
    .slice(0, 32)
  return {
    from: { name: sender.senderName, address: sender.senderAddress },
    to: [{ name: message.recipient.name ?? '', address }],
    replyTo: sender.replyTo ? [{ name: sender.senderName, address: sender.replyTo }] : undefined,
    subject: message.subject,
    text: message.body.text,
    html: message.body.html,
    messageId: `<${digest}@${domain}>`,
    attachments: (message.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(attachment.content),
    })),
  }
}
