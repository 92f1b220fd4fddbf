import type Ente from '#models/ente'
import type { BrowserTransport, LoginLevel } from '#extension_points/identity/contract'
import { identityPluginOf } from '#services/identity/identity_plugins'
import { keepPending, newRelayState } from '#services/identity/pending_requests'

export interface StartLogin {
  pluginId: string
  level: LoginLevel
  /** the IdP the citizen picked on the access page (SPID) */
  idpId?: string
  /** a path of this ente, already checked (safeReturnPath) */
  returnTo: string
  /** re-authenticate at the IdP even if it has a session: a step up */
  forceAuthn: boolean
}

/** The citizen picked an IdP the plugin does not offer (a forged or stale link). */
export class UnknownIdentityProviderError extends Error {}

/**
 * Starts a login: the plugin builds its request, the core keeps it pending
 * under the request id, and the browser is sent on with `transport`.
 */
export async function startLogin(ente: Ente, input: StartLogin): Promise<BrowserTransport> {
  const { adapter } = await identityPluginOf(ente, input.pluginId)
  if (adapter.identityProviders) {
    const offered = await adapter.identityProviders()
    if (!offered.some((idp) => idp.id === input.idpId)) throw new UnknownIdentityProviderError()
  }

  const relayState = newRelayState()
  const login = await adapter.buildLoginRequest({
    level: input.level,
    relayState,
    forceAuthn: input.forceAuthn,
    idpId: input.idpId,
  })
  await keepPending(ente, {
    pluginId: input.pluginId,
    kind: 'login',
    requestId: login.requestId,
    relayState,
    level: input.level,
    returnTo: input.returnTo,
    data: login.data,
  })
  return login.transport
}
