import { RemoteConfigurationError } from '#extension_points/errors'
import type {
  IdentityAdapter,
  IdentityProviderChoice,
  LoginRequest,
  LoginResult,
  LogoutRequest,
} from '#extension_points/identity/contract'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import type { TestIdp } from './test_idp.js'

/**
 * The development IdP is an identity provider for the SPID and CIE
 * plugins, not a way in of its own: it lists no IdP on the access page
 * (so the page shows no button for it) and starts no login.
 */
export class TestIdpAdapter implements IdentityAdapter {
  constructor(readonly idp: TestIdp) {}

  async identityProviders(): Promise<IdentityProviderChoice[]> {
    return []
  }

  async buildLoginRequest(): Promise<LoginRequest> {
    throw new RemoteConfigurationError({
      reason: 'not_a_login_method',
      message:
        'L’IdP di test non è un metodo di accesso: si sceglie dall’elenco SPID o si usa con CIE.',
    })
  }

  async handleCallback(): Promise<LoginResult> {
    throw new IdentityCallbackError('unknown_request')
  }

  async logout(): Promise<LogoutRequest> {
    return { kind: 'local' }
  }
}
