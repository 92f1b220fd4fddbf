import type {
  MessagingAdapter,
  OutgoingMessage,
  SendResult,
} from '#extension_points/messaging/contract'
import { MessageRefusedError, ThrottledError } from '#extension_points/messaging/errors'
import { composeMail, type Sender } from './compose.js'
import type { MailDelivery } from './delivery.js'
import { SlidingWindowLimit } from './rate_limit.js'
import { toMessagingError } from './smtp_errors.js'

/** How many idempotency keys an adapter remembers (oldest forgotten first). */
const REMEMBERED_KEYS = 10_000

/**
 * E-mail channel of one ente. SMTP says only "accepted by the relay", so
 * there is no delivery tracking: a message ends in state `accepted`.
 */
export class EmailMessagingAdapter implements MessagingAdapter {
  #limit: SlidingWindowLimit
  /** sends in progress or done, by idempotency key */
  #sends = new Map<string, Promise<SendResult>>()

  constructor(
    private sender: Sender & { maxMessagesPerMinute: number },
    private enteId: number,
    private delivery: MailDelivery
  ) {
    this.#limit = new SlidingWindowLimit(sender.maxMessagesPerMinute)
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const known = this.#sends.get(message.idempotencyKey)
    if (known) return known

    const sending = this.#deliver(message)
    this.#sends.set(message.idempotencyKey, sending)
    if (this.#sends.size > REMEMBERED_KEYS) this.#sends.delete(this.#sends.keys().next().value!)
    // a failed send must be tried again by the queue's retry, not answered from memory
    sending.catch(() => {
      if (this.#sends.get(message.idempotencyKey) === sending)
        this.#sends.delete(message.idempotencyKey)
    })
    return sending
  }

  async #deliver(message: OutgoingMessage): Promise<SendResult> {
    const address = message.recipient.email?.trim()
    if (!address) throw new MessageRefusedError('no_address')

    const slot = this.#limit.take()
    if (!slot.ok) throw new ThrottledError({ retryAfterMs: slot.retryAfterMs })

    const mail = composeMail(message, address, this.sender, this.enteId)
    try {
      await this.delivery.send(mail)
    } catch (error) {
      throw toMessagingError(error)
    }
    return { messageId: mail.messageId, state: 'accepted' }
  }
}
