/**
 * Authentication levels in one order:
 * anonymous < SPID L1 < SPID L2 < SPID L3 = CIE.
 * A service sets a minimum; a session below it must log in again at the
 * required level (ForceAuthn).
 */
export const AuthLevel = {
  ANONYMOUS: 0,
  SPID_L1: 1,
  SPID_L2: 2,
  SPID_L3: 3,
} as const

export type AuthLevelValue = (typeof AuthLevel)[keyof typeof AuthLevel]

/** CIE always authenticates at the highest level. */
export const CIE_LEVEL: AuthLevelValue = AuthLevel.SPID_L3

export const AUTH_LEVEL_LABELS: Record<AuthLevelValue, string> = {
  0: 'Accesso libero',
  1: 'SPID livello 1',
  2: 'SPID livello 2',
  3: 'SPID livello 3 o CIE',
}

export function isAuthLevel(value: number): value is AuthLevelValue {
  return Number.isInteger(value) && value >= AuthLevel.ANONYMOUS && value <= AuthLevel.SPID_L3
}

/** Whether a session at `current` may use a service requiring `required`. */
export function satisfiesLevel(current: AuthLevelValue | null, required: AuthLevelValue): boolean {
  return (current ?? AuthLevel.ANONYMOUS) >= required
}
