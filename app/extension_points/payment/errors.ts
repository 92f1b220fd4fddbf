import { ExtensionPointError } from '#extension_points/errors'

export {
  ExtensionPointError,
  RemoteConfigurationError,
  RemoteUnavailableError,
  ThrottledError,
  retryHint,
} from '#extension_points/errors'

/**
 * invalid: the remote rejects the data (amount, taxonomy, payer);
 * expired / cancelled / already_paid: the position cannot be paid now;
 * cart_too_large / cart_not_supported: too many positions in one checkout.
 */
export type PaymentRefusalReason =
  'invalid' | 'expired' | 'cancelled' | 'already_paid' | 'cart_too_large' | 'cart_not_supported'

const REFUSALS: Record<PaymentRefusalReason, string> = {
  invalid: 'Il sistema dei pagamenti ha rifiutato i dati del pagamento.',
  expired: 'Il termine per questo pagamento è scaduto.',
  cancelled: 'Questo pagamento è stato annullato.',
  already_paid: 'Questo pagamento risulta già effettuato.',
  cart_too_large: 'Si possono pagare al massimo 5 avvisi insieme.',
  cart_not_supported: 'Questi avvisi vanno pagati uno alla volta.',
}

/**
 * The remote (or the contract) refuses the operation: not retryable.
 *
 * @example
 *   if (position.status === 'EXPIRED') throw new PaymentRefusedError('expired')
 */
export class PaymentRefusedError extends ExtensionPointError {
  readonly code = 'E_PAYMENT_REFUSED'
  declare readonly reason: PaymentRefusalReason
  /** the remote's own words, for operators */
  readonly detail?: string

  constructor(
    reason: PaymentRefusalReason,
    options: { detail?: string; message?: string; cause?: unknown } = {}
  ) {
    super(options.message ?? REFUSALS[reason], { reason, retryable: false, cause: options.cause })
    this.detail = options.detail
  }
}

/**
 * The remote does not know this position.
 *
 * @example
 *   if (response.status === 404) throw new PaymentNotFoundError(ref.iuv)
 */
export class PaymentNotFoundError extends ExtensionPointError {
  readonly code = 'E_PAYMENT_NOT_FOUND'

  constructor(reference: string, options: { cause?: unknown } = {}) {
    super(`Posizione di pagamento ${reference} non trovata.`, {
      reason: 'not_found',
      retryable: false,
      ...options,
    })
  }
}

/**
 * A notification that cannot be trusted (bad signature, unknown sender,
 * unreadable body). The core answers the remote with an error and keeps
 * polling.
 *
 * @example
 *   if (!this.verifyJwt(request.headers.authorization)) throw new PaymentCallbackError('invalid_signature')
 */
export class PaymentCallbackError extends ExtensionPointError {
  readonly code = 'E_PAYMENT_CALLBACK'

  constructor(
    reason: 'invalid_signature' | 'malformed' | 'unknown_position',
    options: { cause?: unknown } = {}
  ) {
    super('Notifica di pagamento non valida.', { reason, retryable: false, cause: options.cause })
  }
}
