import { definePlugin, type PluginManifest } from '#plugin_runtime/define_plugin'
import type { ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Messaging: the channels that tell a citizen something (e-mail, built in;
 * App IO). The core renders the message (templates, placeholders) and calls
 * `send` from a queue job, with an idempotency key per effect; the adapter
 * only delivers and maps the channel's answers onto the typed errors of
 * ./errors.ts (refused: never retried; throttled and down: retried).
 */

/** Optional abilities, switched on in the manifest; the conformance suite tests each one it declares. */
export type MessagingCapabilities = {
  /** `getDeliveryStatus` reports what happened after `send` (App IO: PROCESSED, REJECTED...) */
  deliveryTracking: boolean
  /** files travel with the message (e-mail yes, App IO no) */
  attachments: boolean
}

/**
 * Who receives the message. A channel uses the address it understands:
 * e-mail the `email`, App IO-like channels the `fiscalCode`. A recipient
 * without it is refused with reason `no_address`.
 */
export interface MessageRecipient {
  email?: string
  /** codice fiscale, 16 characters, upper case */
  fiscalCode?: string
  /** display name, e.g. "Mario Rossi" */
  name?: string
}

/**
 * The body in the forms the core renders. `text` is always there; a
 * channel takes the richest form it supports (e-mail: html + text; App IO:
 * markdown, or text when absent).
 */
export interface MessageBody {
  text: string
  markdown?: string
  html?: string
}

export interface MessageAttachment {
  filename: string
  contentType: string
  content: Uint8Array
}

export interface OutgoingMessage {
  /**
   * Stable per effect (e.g. "pratica:42:status:7000:email"): sending twice
   * with the same key delivers once and answers the same messageId.
   */
  idempotencyKey: string
  recipient: MessageRecipient
  /** plain text; App IO requires 10..120 characters */
  subject: string
  body: MessageBody
  /** sent only when the `attachments` capability is on */
  attachments?: MessageAttachment[]
}

/**
 * accepted: the channel took the message (an SMTP relay answered 250);
 * delivered: the channel reports it reached the recipient;
 * failed / refused: it will not arrive (refused: by the recipient's channel).
 */
export type DeliveryState = 'accepted' | 'delivered' | 'failed' | 'refused'

export interface SendResult {
  /** the channel's id of the message (SMTP Message-ID, App IO message id) */
  messageId: string
  state: DeliveryState
}

export interface DeliveryStatus {
  state: DeliveryState
  updatedAt: Date
  /** the channel's own words, for operators (e.g. "NOTIFIED via email") */
  detail?: string
}

export interface MessagingAdapter {
  /**
   * Delivers one message. Idempotent on `message.idempotencyKey`.
   *
   * Throws MessageRefusedError when the recipient's channel refuses it (not
   * retryable), ThrottledError when over a rate limit, RemoteUnavailableError
   * when the channel is down (both retryable).
   *
   * @example
   *   async send(message) {
   *     const previous = this.sent.get(message.idempotencyKey)
   *     if (previous) return previous
   *     const response = await this.client.post('/messages', {
   *       fiscal_code: message.recipient.fiscalCode,
   *       content: { subject: message.subject, markdown: message.body.markdown ?? message.body.text },
   *     })
   *     if (response.status === 429) throw new ThrottledError({ retryAfterMs: 60_000 })
   *     const result = { messageId: response.body.id, state: 'accepted' as const }
   *     this.sent.set(message.idempotencyKey, result)
   *     return result
   *   }
   */
  send(message: OutgoingMessage): Promise<SendResult>

  /**
   * What the channel knows now about a sent message. Present when the
   * `deliveryTracking` capability is on. Throws MessageNotFoundError for an
   * id the channel does not know.
   *
   * @example
   *   async getDeliveryStatus(messageId) {
   *     const response = await this.client.get(`/messages/${this.fiscalCodeOf(messageId)}/${messageId}`)
   *     if (response.status === 404) throw new MessageNotFoundError(messageId)
   *     return { state: response.body.status === 'PROCESSED' ? 'delivered' : 'accepted', updatedAt: new Date() }
   *   }
   */
  getDeliveryStatus?(messageId: string): Promise<DeliveryStatus>
}

/**
 * Declares a messaging plugin: the point is fixed and the adapter type bound.
 *
 * @example
 *   export default defineMessagingPlugin({
 *     id: 'messaging_appio',
 *     name: 'App IO',
 *     description: 'Messaggi ai cittadini nell’app IO',
 *     version: '1.0.0',
 *     capabilities: { deliveryTracking: true, attachments: false },
 *     config: { apiKey: field.secret({ label: 'Chiave del servizio' }) },
 *     create: (context) => new AppIoAdapter(context.config),
 *   })
 */
export function defineMessagingPlugin<Fields extends ConfigFields>(
  manifest: Omit<
    PluginManifest<'messaging', MessagingAdapter, MessagingCapabilities, Fields>,
    'point'
  >
): PluginManifest<'messaging', MessagingAdapter, MessagingCapabilities, Fields> {
  return definePlugin({ ...manifest, point: 'messaging' })
}
