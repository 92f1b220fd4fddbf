import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'

/**
 * Staff sessions live in a cookie (or memory in tests), so they cannot be
 * listed and deleted. Each one instead carries a stamp of the password it
 * was opened with: when the password changes, every other session stops
 * matching and the staff doors (staff and platformAdmin middleware) end
 * it at its next request. Remember-me tokens are rows, and are deleted.
 */
const STAMP_KEY = 'auth_web_stamp'

function credentialStamp(user: User) {
  return createHash('sha256')
    .update(user.password ?? '')
    .digest('base64url')
    .slice(0, 22)
}

/**
 * Logs the user in. The session guard gives the session a new id
 * (session fixation: an id planted before login is worth nothing after).
 */
export async function beginStaffSession(ctx: HttpContext, user: User, remember: boolean) {
  user.lastLoginAt = DateTime.now()
  await user.save()
  await ctx.auth.use('web').login(user, remember)
  ctx.session.put(STAMP_KEY, credentialStamp(user))
}

/**
 * Whether this logged-in session still belongs to the current password.
 * A session re-opened from a remember-me token takes the stamp then (the
 * token outlived any change, since a change deletes them all).
 */
export function staffSessionIsCurrent(ctx: HttpContext, user: User): boolean {
  const stamp = ctx.session.get(STAMP_KEY)
  if (stamp === undefined || ctx.auth.use('web').viaRemember) {
    ctx.session.put(STAMP_KEY, credentialStamp(user))
    return true
  }
  return stamp === credentialStamp(user)
}

/** Ends every "Ricordami" of the user (password changed, account disabled). */
export function revokeRememberMeTokens(user: User, client?: TransactionClientContract) {
  return (client ?? db).from('remember_me_tokens').where('tokenable_id', user.id).delete()
}
