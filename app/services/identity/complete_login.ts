import type Ente from '#models/ente'
import type PendingIdentityRequest from '#models/pending_identity_request'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type { PendingLogin } from '#extension_points/identity/contract'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import { upsertCitizenFromIdentity } from '#services/citizens/upsert_from_identity'
import { identityPluginOf } from '#services/identity/identity_plugins'
import { takePending } from '#services/identity/pending_requests'

/**
 * The IdP's answer to a login (at the ACS): the plugin verifies it against
 * the pending request, which is used up whatever the outcome; the citizen
 * is found or created. Throws IdentityCallbackError for any answer that
 * cannot log anyone in.
 */
export async function completeLogin(ente: Ente, pluginId: string, request: PluginHttpRequest) {
  const { adapter } = await identityPluginOf(ente, pluginId)
  const taken: { pending?: PendingIdentityRequest } = {}

  const result = await adapter.handleCallback({
    request,
    findPending: async (requestId): Promise<PendingLogin | null> => {
      const pending = await takePending(ente, pluginId, 'login', requestId)
      if (!pending) return null
      taken.pending = pending
      return {
        requestId: pending.requestId,
        level: pending.level!,
        relayState: pending.relayState,
        createdAt: pending.createdAt.toJSDate(),
        data: pending.data,
      }
    },
  })

  // the core's own checks, whatever the adapter did: the answer belongs to a
  // request this ente made and used up now, at the level it asked for
  const pending = taken.pending
  if (
    !pending ||
    pending.requestId !== result.requestId ||
    pending.relayState !== result.relayState
  ) {
    throw new IdentityCallbackError('unknown_request')
  }
  if (result.identity.level < pending.level!) throw new IdentityCallbackError('level_too_low')

  const citizen = await upsertCitizenFromIdentity(ente, result.identity)
  return { citizen, identity: result.identity, returnTo: pending.returnTo }
}
