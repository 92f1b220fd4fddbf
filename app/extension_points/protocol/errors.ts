import { ExtensionPointError } from '#extension_points/errors'

export {
  ExtensionPointError,
  RemoteConfigurationError,
  RemoteUnavailableError,
  ThrottledError,
  retryHint,
} from '#extension_points/errors'

/**
 * The protocol system refuses the document as it is (an unknown
 * classification or office, a file type it does not accept): not retryable,
 * an operator must act.
 *
 * @example
 *   if (answer.lngErrNumber !== 0) throw new ProtocolRefusedError('invalid_classification', { detail: answer.strErrString })
 */
export class ProtocolRefusedError extends ExtensionPointError {
  readonly code = 'E_PROTOCOL_REFUSED'
  /** the system's own words, for operators */
  readonly detail?: string

  constructor(
    reason: string,
    options: { detail?: string; message?: string; cause?: unknown } = {}
  ) {
    super(options.message ?? 'Il sistema di protocollo ha rifiutato il documento.', {
      reason,
      retryable: false,
      cause: options.cause,
    })
    this.detail = options.detail
  }
}

/**
 * No such document (or fascicolo) in the register.
 *
 * @example
 *   if (!found) throw new ProtocolNotFoundError(`${ref.number}/${ref.year}`)
 */
export class ProtocolNotFoundError extends ExtensionPointError {
  readonly code = 'E_PROTOCOL_NOT_FOUND'

  constructor(reference: string, options: { cause?: unknown } = {}) {
    super(`Documento ${reference} non trovato nel protocollo.`, {
      reason: 'not_found',
      retryable: false,
      ...options,
    })
  }
}
