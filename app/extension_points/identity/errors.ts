import { ExtensionPointError } from '#extension_points/errors'

export {
  ExtensionPointError,
  RemoteConfigurationError,
  RemoteUnavailableError,
  retryHint,
} from '#extension_points/errors'

/**
 * Why a callback from the IdP is refused. The machine reason goes to the
 * logs and the audit; the Italian message to the citizen's login page.
 */
export type IdentityRefusalReason =
  | 'malformed'
  | 'invalid_signature'
  | 'unknown_request'
  | 'expired'
  | 'wrong_destination'
  | 'level_too_low'
  | 'authn_failed'
  | 'cancelled'
  | 'missing_attributes'

const MESSAGES: Record<IdentityRefusalReason, string> = {
  malformed: 'La risposta del gestore dell’identità non è leggibile. Riprova ad accedere.',
  invalid_signature: 'La risposta del gestore dell’identità non è autentica. Riprova ad accedere.',
  unknown_request: 'La richiesta di accesso è scaduta o è già stata usata. Riprova ad accedere.',
  expired: 'La risposta del gestore dell’identità è scaduta. Riprova ad accedere.',
  wrong_destination: 'La risposta del gestore dell’identità non era destinata a questo servizio.',
  level_too_low:
    'Il livello di autenticazione usato non basta per questo servizio: accedi con un livello più alto.',
  authn_failed: 'Il gestore dell’identità non ha completato l’autenticazione.',
  cancelled: 'Hai annullato l’accesso.',
  missing_attributes:
    'Il gestore dell’identità non ha fornito i dati necessari (codice fiscale, nome e cognome).',
}

/**
 * A callback the adapter cannot trust or accept. Never retryable: the
 * citizen starts a new login. `detail` is a finer machine code for logs and
 * tests (e.g. `audience_mismatch` under `wrong_destination`): the SAML
 * plugins list theirs in saml/refusals.ts.
 *
 * @example
 *   if (!verified) throw new IdentityCallbackError('invalid_signature')
 *   throw new IdentityCallbackError('wrong_destination', { detail: 'audience_mismatch' })
 */
export class IdentityCallbackError extends ExtensionPointError {
  readonly code = 'E_IDENTITY_CALLBACK'
  declare readonly reason: IdentityRefusalReason
  readonly detail?: string

  constructor(
    reason: IdentityRefusalReason,
    options: { message?: string; cause?: unknown; detail?: string } = {}
  ) {
    super(options.message ?? MESSAGES[reason], { reason, retryable: false, cause: options.cause })
    this.detail = options.detail
  }
}
