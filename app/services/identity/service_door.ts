import type { HttpContext } from '@adonisjs/core/http'
import { satisfiesLevel, type AuthLevelValue } from '#domain/auth_level'
import type { LoginLevel } from '#extension_points/identity/contract'
import type Service from '#models/service'
import { sessionLevel } from '#services/identity/citizen_session'

export type DoorDecision =
  | { kind: 'pass' }
  /** nobody logged in: log in at `level` */
  | { kind: 'login'; level: LoginLevel }
  /** a citizen below `level`: log in again at it, re-authenticating (ForceAuthn) */
  | { kind: 'step_up'; level: LoginLevel }

/**
 * The rule of DESIGN.md at a service's door: anonymous < SPID L1 < SPID L2
 * < SPID L3 = CIE; an anonymous service lets everyone in, a session at or
 * above the minimum passes, anything below logs in at the minimum.
 */
export function doorDecision(
  required: AuthLevelValue,
  session: { loggedIn: boolean; level: AuthLevelValue }
): DoorDecision {
  if (satisfiesLevel(session.level, required)) return { kind: 'pass' }
  const level = required as LoginLevel
  return session.loggedIn ? { kind: 'step_up', level } : { kind: 'login', level }
}

/** The access page asking for `level`, coming back to `returnTo` afterwards. */
export function accessPath(enteSlug: string, level: LoginLevel, returnTo: string) {
  const query = new URLSearchParams({ livello: String(level), torna: returnTo })
  return `/${enteSlug}/accedi?${query}`
}

/**
 * For the routes of a service: null when the current session may use it,
 * else where to send the browser (the access page at the service's level,
 * back to `returnTo` afterwards; a logged-in citizen is asked to log in
 * again there, with ForceAuthn).
 */
export async function serviceDoorRedirect(ctx: HttpContext, service: Service, returnTo: string) {
  const { citizen, level } = await sessionLevel(ctx)
  const decision = doorDecision(service.minAuthLevel, { loggedIn: citizen !== null, level })
  return decision.kind === 'pass' ? null : accessPath(ctx.ente.slug, decision.level, returnTo)
}
