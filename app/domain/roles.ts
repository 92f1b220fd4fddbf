/**
 * Staff roles. A platform admin has no ente; the others belong to one.
 */
export const ROLES = ['platform_admin', 'ente_admin', 'manager', 'operator'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: 'Amministratore della piattaforma',
  ente_admin: "Amministratore dell'ente",
  manager: 'Manager',
  operator: 'Operatore',
}

/** Roles that work inside an ente's backoffice. */
export const ENTE_STAFF_ROLES: Role[] = ['ente_admin', 'manager', 'operator']

/** Managers and ente admins manage operators (the manual's "Operatori" page). */
export function canManageOperators(role: Role): boolean {
  return role === 'ente_admin' || role === 'manager'
}

/** Only the ente admin configures the ente, its services and its plugins. */
export function canConfigureEnte(role: Role): boolean {
  return role === 'ente_admin'
}
