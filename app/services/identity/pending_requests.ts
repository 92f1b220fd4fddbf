import { randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import PendingIdentityRequest, { type PendingIdentityKind } from '#models/pending_identity_request'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { LoginLevel } from '#extension_points/identity/contract'

/**
 * How long the IdP may take to answer: the citizen may have to find their
 * phone for the second factor, but an old answer is refused.
 */
export const PENDING_TTL_MINUTES = 15

/**
 * The RelayState sent with a request: random and opaque. What it stands for
 * (the return path) stays in the pending row.
 */
export function newRelayState() {
  return randomBytes(24).toString('base64url')
}

export interface NewPending {
  pluginId: string
  kind: PendingIdentityKind
  requestId: string
  relayState: string
  level?: LoginLevel
  returnTo: string
  data: Record<string, unknown>
}

/** Keeps a request until its answer; sweeps the expired ones on the way. */
export async function keepPending(ente: EnteRef, pending: NewPending) {
  const now = DateTime.now()
  await db.from(PendingIdentityRequest.table).where('expires_at', '<', now.toJSDate()).delete()
  return PendingIdentityRequest.create({
    enteId: ente.id,
    pluginId: pending.pluginId,
    kind: pending.kind,
    requestId: pending.requestId,
    relayState: pending.relayState,
    level: pending.level ?? null,
    returnTo: pending.returnTo,
    data: pending.data,
    createdAt: now,
    expiresAt: now.plus({ minutes: PENDING_TTL_MINUTES }),
  })
}

/**
 * The pending request of this ente and plugin with this id, handed out
 * once: the row is deleted, and only the caller whose delete removed it
 * gets it, so two copies of one answer arriving together cannot both pass.
 * Unknown, already used, expired or another ente's: null.
 */
export async function takePending(
  ente: EnteRef,
  pluginId: string,
  kind: PendingIdentityKind,
  requestId: string
): Promise<PendingIdentityRequest | null> {
  const pending = await PendingIdentityRequest.forEnte(ente)
    .where({ plugin_id: pluginId, kind, request_id: requestId })
    .first()
  if (!pending) return null
  const deleted = await db.from(PendingIdentityRequest.table).where('id', pending.id).delete()
  if (Number(deleted) !== 1) return null
  return pending.expiresAt > DateTime.now() ? pending : null
}
