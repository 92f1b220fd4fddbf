import logger from '@adonisjs/core/services/logger'
import identityManager from '#extension_points/identity/manager'
import type Ente from '#models/ente'
import type PendingIdentityRequest from '#models/pending_identity_request'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type {
  BrowserTransport,
  IdpLogoutRequest,
  PendingLogout,
} from '#extension_points/identity/contract'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import NotFoundException from '#exceptions/not_found_exception'
import type { StoredIdentity } from '#services/identity/citizen_session'
import { identityPluginOf } from '#services/identity/identity_plugins'
import { keepPending, newRelayState, takePending } from '#services/identity/pending_requests'

/**
 * Asks the plugin the citizen logged in with how to log out: null when only
 * the platform session ends (CIE, a plugin without single logout, a plugin
 * no longer enabled or failing), else where to send the browser so the IdP
 * ends its session too. The caller ends the platform session either way,
 * before the browser leaves: an IdP that never answers leaves no one
 * logged in here.
 */
export async function startLogout(
  ente: Ente,
  identity: StoredIdentity | null,
  returnTo: string
): Promise<BrowserTransport | null> {
  if (!identity) return null
  try {
    const active = await identityManager.forEnte(ente, identity.pluginId)
    const relayState = newRelayState()
    const { enteId, citizenId, pluginId, ...session } = identity
    const logout = await active.adapter.logout({ session, relayState })
    if (logout.kind === 'local') return null
    await keepPending(ente, {
      pluginId,
      kind: 'logout',
      requestId: logout.requestId,
      relayState,
      returnTo,
      data: logout.data,
    })
    return logout.transport
  } catch (error) {
    logger.warn(
      { err: error, ente: ente.slug, plugin: identity.pluginId },
      'citizen logout: the IdP cannot be asked, local logout only'
    )
    return null
  }
}

export type SingleLogout =
  { kind: 'answered'; returnTo: string } | { kind: 'idp_request'; request: IdpLogoutRequest }

/**
 * What arrives at the SLO endpoint: a logout the IdP starts (when the
 * plugin supports it), or the IdP's answer to ours, matched once with its
 * pending request. Throws IdentityCallbackError for anything untrusted.
 */
export async function handleSingleLogout(
  ente: Ente,
  pluginId: string,
  request: PluginHttpRequest
): Promise<SingleLogout> {
  const { adapter } = await identityPluginOf(ente, pluginId)

  const fromIdp = adapter.handleIdpLogout ? await adapter.handleIdpLogout({ request }) : null
  if (fromIdp) return { kind: 'idp_request', request: fromIdp }
  if (!adapter.handleLogoutCallback) throw new NotFoundException()

  const taken: { pending?: PendingIdentityRequest } = {}
  const result = await adapter.handleLogoutCallback({
    request,
    findPending: async (requestId): Promise<PendingLogout | null> => {
      const pending = await takePending(ente, pluginId, 'logout', requestId)
      if (!pending) return null
      taken.pending = pending
      return {
        requestId: pending.requestId,
        relayState: pending.relayState,
        createdAt: pending.createdAt.toJSDate(),
        data: pending.data,
      }
    },
  })
  const pending = taken.pending
  if (
    !pending ||
    pending.requestId !== result.requestId ||
    pending.relayState !== result.relayState
  ) {
    throw new IdentityCallbackError('unknown_request')
  }
  return { kind: 'answered', returnTo: pending.returnTo }
}
