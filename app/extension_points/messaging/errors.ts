import { ExtensionPointError } from '#extension_points/errors'

export {
  ExtensionPointError,
  RemoteConfigurationError,
  RemoteUnavailableError,
  ThrottledError,
  retryHint,
} from '#extension_points/errors'

/**
 * no_address: the recipient lacks the address this channel uses;
 * recipient_refused: the recipient's server/profile refuses (SMTP 5xx, App IO sender not allowed);
 * recipient_unknown: no such mailbox or profile;
 * message_rejected: the channel refuses the content (too long, bad format).
 */
export type MessageRefusalReason =
  'no_address' | 'recipient_refused' | 'recipient_unknown' | 'message_rejected'

const REFUSAL_MESSAGES: Record<MessageRefusalReason, string> = {
  no_address: 'Il destinatario non ha un recapito utilizzabile su questo canale.',
  recipient_refused: 'Il canale del destinatario ha rifiutato il messaggio.',
  recipient_unknown: 'Il destinatario non esiste sul canale di invio.',
  message_rejected: 'Il canale di invio ha rifiutato il contenuto del messaggio.',
}

/**
 * The message will never be delivered as it is: not retryable.
 *
 * @example
 *   if (error.responseCode >= 500) {
 *     throw new MessageRefusedError('recipient_refused', { detail: error.response })
 *   }
 */
export class MessageRefusedError extends ExtensionPointError {
  readonly code = 'E_MESSAGE_REFUSED'
  /** the channel's own answer, for operators (e.g. "550 5.1.1 mailbox unavailable") */
  readonly detail?: string

  constructor(
    reason: MessageRefusalReason,
    options: { detail?: string; message?: string; cause?: unknown } = {}
  ) {
    super(options.message ?? REFUSAL_MESSAGES[reason], {
      reason,
      retryable: false,
      cause: options.cause,
    })
    this.detail = options.detail
  }
}

/** `getDeliveryStatus` was asked about a message the channel does not know. */
export class MessageNotFoundError extends ExtensionPointError {
  readonly code = 'E_MESSAGE_NOT_FOUND'

  constructor(messageId: string) {
    super(`Messaggio ${messageId} non trovato sul canale di invio.`, {
      reason: 'not_found',
      retryable: false,
    })
  }
}
