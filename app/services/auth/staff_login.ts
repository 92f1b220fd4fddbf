import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import { authenticateStaff } from '#services/auth/staff_authenticator'
import { beginStaffSession } from '#services/auth/staff_session'
import { doorRoles, type StaffDoor } from '#services/auth/staff_door'
import { loginThrottle } from '#services/auth/throttles'
import { recordAudit, requestOrigin, userSubject } from '#services/audit/audit_log'

export type LoginOutcome =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'throttled'; waitSeconds: number }

/**
 * A staff login at a door: rate limit, credentials, a fresh session, and
 * an audit entry whatever the outcome.
 */
export async function attemptStaffLogin(
  ctx: HttpContext,
  door: StaffDoor,
  input: { username: string; password: string; remember?: boolean }
): Promise<LoginOutcome> {
  const enteId = door?.id ?? null
  const origin = requestOrigin(ctx.request)
  const source = { door, name: input.username, ip: ctx.request.ip() }
  const failed = (reason: string) =>
    recordAudit({
      action: 'login_failed',
      enteId,
      metadata: { username: input.username, reason },
      origin,
    })

  const waitSeconds = await loginThrottle.waitSeconds(source)
  if (waitSeconds > 0) {
    await failed('throttled')
    return { ok: false, reason: 'throttled', waitSeconds }
  }

  const result = await authenticateStaff({
    enteId,
    username: input.username,
    password: input.password,
    roles: doorRoles(door),
  })
  if ('error' in result) {
    // a disabled account typed the right password: not a guess to count
    if (result.error === 'invalid') await loginThrottle.failed(source)
    await failed(result.error)
    return { ok: false, reason: result.error }
  }

  await loginThrottle.succeeded(source)
  await beginStaffSession(ctx, result.user, !!input.remember)
  await recordAudit({
    action: 'login_succeeded',
    enteId,
    actor: result.user,
    subject: userSubject(result.user),
    metadata: { remember: !!input.remember },
    origin,
  })
  return { ok: true, user: result.user }
}
