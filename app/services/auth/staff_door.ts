import type Ente from '#models/ente'
import { ENTE_STAFF_ROLES, type Role } from '#domain/roles'

/**
 * Staff come in through one of two doors: an ente's (operators, managers,
 * ente admins at /{ente}/operatori/...) or the platform's (platform admins
 * at /admin/...). Usernames are unique per door; links and limits follow it.
 */
export type StaffDoor = Ente | null

export function doorRoles(ente: StaffDoor): Role[] {
  return ente ? ENTE_STAFF_ROLES : ['platform_admin']
}

/** Identifies the door in rate-limit keys and logs. */
export function doorKey(ente: StaffDoor) {
  return ente ? `ente:${ente.id}` : 'platform'
}

export function doorPaths(ente: StaffDoor) {
  const base = ente ? `/${ente.slug}/operatori` : '/admin'
  return {
    login: `${base}/login`,
    forgotPassword: `${base}/password-dimenticata`,
    passwordLink: (token: string) => `${base}/password/${token}`,
    home: ente ? `/${ente.slug}/backoffice` : '/admin',
  }
}
