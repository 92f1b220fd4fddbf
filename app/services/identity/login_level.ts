import { AuthLevel } from '#domain/auth_level'
import type { LoginLevel } from '#extension_points/identity/contract'

/**
 * The level asked when nothing requires another: SPID level 2, the one
 * AgID asks for personal data such as the personal area's.
 */
export const DEFAULT_LOGIN_LEVEL: LoginLevel = AuthLevel.SPID_L2

/** `?livello=` of the access and login URLs: 1, 2 or 3, else null. */
export function parseLoginLevel(value: unknown): LoginLevel | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const level = Number(value)
  return level === AuthLevel.SPID_L1 || level === AuthLevel.SPID_L2 || level === AuthLevel.SPID_L3
    ? level
    : null
}
