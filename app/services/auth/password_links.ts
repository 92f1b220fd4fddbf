import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { outbox } from '#queue/outbox'
import User from '#models/user'
import type { PasswordTokenPurpose } from '#models/password_token'
import { doorRoles, type StaffDoor } from '#services/auth/staff_door'
import { resetThrottle } from '#services/auth/throttles'
import { recordAudit, userSubject, type RequestOrigin } from '#services/audit/audit_log'

export const PASSWORD_LINK_REQUESTED = 'staff.password_link_requested'

export interface PasswordLinkRequest {
  /** null: a reset asked for an account that does not exist */
  userId: number | null
  purpose: PasswordTokenPurpose
}

/**
 * Asks for a password e-mail in the caller's transaction. The token is
 * made by the job that sends it (app/jobs/send_staff_password_link.ts),
 * so it never sits in the outbox or the queue.
 */
export function requestPasswordLink(
  trx: TransactionClientContract,
  enteId: number | null,
  request: PasswordLinkRequest
) {
  return outbox.record(trx, {
    type: PASSWORD_LINK_REQUESTED,
    enteId,
    payload: { ...request },
  })
}

/**
 * "Hai dimenticato la password?": an e-mail or a username. The caller
 * answers the same whether or not an account matched (no enumeration),
 * and the work done is the same too: one audit entry and one outbox event
 * either way. Returns the seconds to wait when rate limited, else 0.
 */
export async function requestPasswordReset(
  door: StaffDoor,
  identifier: string,
  origin: RequestOrigin
): Promise<number> {
  const waitSeconds = await resetThrottle.consume({
    door,
    name: identifier,
    ip: origin.ip ?? 'unknown',
  })
  if (waitSeconds > 0) return waitSeconds

  const accounts = await findEnabledAccounts(door, identifier)
  const enteId = door?.id ?? null
  await db.transaction(async (trx) => {
    await recordAudit(
      {
        action: 'password_reset_requested',
        enteId,
        subject: accounts.length === 1 ? userSubject(accounts[0]) : null,
        metadata: { identifier, requestedBy: 'self', matched: accounts.length },
        origin,
      },
      trx
    )
    if (accounts.length === 0) {
      await requestPasswordLink(trx, enteId, { userId: null, purpose: 'reset' })
    }
    for (const account of accounts) {
      await requestPasswordLink(trx, enteId, { userId: account.id, purpose: 'reset' })
    }
  })
  return 0
}

/** "Reimposta password" from the Operatori page: the same e-mail, asked by a manager. */
export async function sendPasswordReset(
  operator: User,
  actor: User,
  origin: RequestOrigin,
  trx?: TransactionClientContract
): Promise<void> {
  if (!trx) return db.transaction((own) => sendPasswordReset(operator, actor, origin, own))
  await recordAudit(
    {
      action: 'password_reset_requested',
      enteId: operator.enteId,
      actor,
      subject: userSubject(operator),
      metadata: { requestedBy: 'manager' },
      origin,
    },
    trx
  )
  await requestPasswordLink(trx, operator.enteId, { userId: operator.id, purpose: 'reset' })
}

/** Accounts of this door named by a username or an e-mail address. */
function findEnabledAccounts(door: StaffDoor, identifier: string) {
  const value = identifier.trim().toLowerCase()
  const query = User.query()
    .whereIn('role', doorRoles(door))
    .where('is_enabled', true)
    .where((match) => match.where('username', value).orWhereRaw('LOWER(email) = ?', [value]))
  return door ? query.where('ente_id', door.id) : query.whereNull('ente_id')
}
