/**
 * Errors shared by every extension point.
 *
 * Adapters throw these (or a point's subclasses) instead of vendor errors, so
 * the core can decide without knowing the vendor:
 * - `retryable` / `retryAfterMs`: read by the queue to retry a job later;
 * - `message`: Italian, safe to show to citizens and operators;
 * - `reason`: a short machine code for logs, metrics and tests.
 */
export interface ExtensionPointErrorOptions {
  reason: string
  retryable: boolean
  retryAfterMs?: number
  cause?: unknown
}

export abstract class ExtensionPointError extends Error {
  abstract readonly code: string
  readonly reason: string
  readonly retryable: boolean
  readonly retryAfterMs?: number

  constructor(message: string, options: ExtensionPointErrorOptions) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.reason = options.reason
    this.retryable = options.retryable
    this.retryAfterMs = options.retryAfterMs
  }
}

/**
 * The remote system cannot be reached or answered with a temporary failure
 * (connection refused, timeout, 5xx). Always retryable.
 *
 * @example
 *   } catch (error) {
 *     if (error.code === 'ECONNREFUSED') throw new RemoteUnavailableError({ cause: error })
 *     throw error
 *   }
 */
export class RemoteUnavailableError extends ExtensionPointError {
  readonly code = 'E_REMOTE_UNAVAILABLE'

  constructor(
    options: { reason?: string; message?: string; retryAfterMs?: number; cause?: unknown } = {}
  ) {
    super(
      options.message ??
        'Il sistema esterno non è raggiungibile in questo momento. Riproveremo automaticamente.',
      {
        reason: options.reason ?? 'unreachable',
        retryable: true,
        retryAfterMs: options.retryAfterMs,
        cause: options.cause,
      }
    )
  }
}

/**
 * The remote (or the plugin's own rate limit) asks to slow down. Retryable
 * after `retryAfterMs`.
 *
 * @example
 *   if (response.status === 429) {
 *     throw new ThrottledError({ retryAfterMs: Number(response.headers.get('retry-after') ?? 60) * 1000 })
 *   }
 */
export class ThrottledError extends ExtensionPointError {
  readonly code = 'E_THROTTLED'
  declare readonly retryAfterMs: number

  constructor(options: {
    retryAfterMs: number
    reason?: string
    message?: string
    cause?: unknown
  }) {
    super(options.message ?? 'Troppe richieste verso il sistema esterno: riproveremo tra poco.', {
      reason: options.reason ?? 'rate_limited',
      retryable: true,
      retryAfterMs: options.retryAfterMs,
      cause: options.cause,
    })
  }
}

/**
 * The remote rejects the plugin's credentials or settings (wrong password,
 * unknown ente code). Not retryable: an ente admin must fix the configuration.
 *
 * @example
 *   if (response.status === 401) throw new RemoteConfigurationError({ reason: 'authentication_failed' })
 */
export class RemoteConfigurationError extends ExtensionPointError {
  readonly code = 'E_REMOTE_CONFIGURATION'

  constructor(options: { reason: string; message?: string; cause?: unknown }) {
    super(
      options.message ?? 'La configurazione del collegamento con il sistema esterno non è valida.',
      {
        reason: options.reason,
        retryable: false,
        cause: options.cause,
      }
    )
  }
}

/**
 * What the queue needs from an error thrown by an adapter; null when the error
 * is not an extension point error (the queue then applies its own policy).
 */
export function retryHint(error: unknown): { retryable: boolean; retryAfterMs?: number } | null {
  if (!(error instanceof ExtensionPointError)) return null
  return { retryable: error.retryable, retryAfterMs: error.retryAfterMs }
}
