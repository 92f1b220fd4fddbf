import {
  MessageRefusedError,
  RemoteConfigurationError,
  RemoteUnavailableError,
} from '#extension_points/messaging/errors'

/** Fields nodemailer puts on its errors. */
type SmtpError = Error & {
  code?: string
  responseCode?: number
  command?: string
  response?: string
}

/** Connection-level failures: the relay is down or unreachable, try again later. */
const NETWORK_CODES = new Set([
  'ECONNECTION',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'EPROTOCOL',
])

/**
 * Maps an SMTP failure onto the messaging contract:
 * - 5xx on RCPT TO: the recipient's side refuses (5.1.1: no such mailbox);
 * - 5xx on MAIL FROM, or an authentication failure: our settings are wrong;
 * - other 5xx: the content is refused;
 * - 4xx and network errors: temporary, retry.
 * Anything else is returned unchanged (a bug, not a remote answer).
 */
export function toMessagingError(error: unknown): unknown {
  if (!(error instanceof Error)) return error
  const { code, responseCode, command, response } = error as SmtpError

  if (code === 'EAUTH' || responseCode === 530 || responseCode === 535) {
    return new RemoteConfigurationError({ reason: 'authentication_failed', cause: error })
  }
  if (responseCode !== undefined && responseCode >= 500) {
    if (command === 'MAIL FROM')
      return new RemoteConfigurationError({ reason: 'sender_rejected', cause: error })
    if (command === 'RCPT TO' || code === 'EENVELOPE') {
      const reason = response?.includes('5.1.1') ? 'recipient_unknown' : 'recipient_refused'
      return new MessageRefusedError(reason, { detail: response, cause: error })
    }
    return new MessageRefusedError('message_rejected', { detail: response, cause: error })
  }
  if (responseCode !== undefined && responseCode >= 400) {
    return new RemoteUnavailableError({ reason: 'temporary_failure', cause: error })
  }
  if (code && NETWORK_CODES.has(code)) {
    return new RemoteUnavailableError({ cause: error })
  }
  return error
}
