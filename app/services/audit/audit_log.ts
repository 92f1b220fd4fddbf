import type { Request } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#models/audit_log'
import type User from '#models/user'

/**
 * Actions the audit log knows. Add new ones here (pratica_*, ...):
 * `<subject>_<verb>`, past tense.
 */
export type AuditAction =
  | 'login_succeeded'
  | 'login_failed'
  | 'password_reset_requested'
  | 'password_changed'
  | 'operator_created'
  | 'operator_updated'
  | 'operator_enabled'
  | 'operator_disabled'
  | 'operator_role_changed'
  | 'operator_deleted'
  | 'service_created'
  | 'service_updated'
  | 'service_form_saved'
  | 'pratiche_exported'
  | 'audit_exported'
  | 'pratica_taken_in_charge'
  | 'pratica_taken_over'
  | 'pratica_assigned'
  | 'pratica_priority_changed'
  | 'pratica_status_changed'
  | 'pratica_approved'
  | 'pratica_rejected'
  | 'pratica_message_sent'
  | 'pratica_note_added'
  | 'pratica_integration_requested'
  | 'pratica_integration_accepted'
  | 'pratica_integration_cancelled'
  | 'pratica_outcome_recorded'
  | 'pratica_created_for_citizen'
  | 'payment_registered'
  | 'payment_requested'
  | 'payment_creation_retried'

/** Where a request came from. */
export interface RequestOrigin {
  ip: string | null
  userAgent: string | null
}

export interface AuditSubject {
  type: string
  id: string | number
  label?: string | null
}

export interface AuditEntry {
  action: AuditAction
  /** the ente the event belongs to; null for platform-level events */
  enteId: number | null
  /** the staff member who acted; null or absent when anonymous */
  actor?: User | null
  subject?: AuditSubject | null
  /** what changed, the username tried, ...: never passwords or tokens */
  metadata?: Record<string, unknown>
  origin?: RequestOrigin
}

export function requestOrigin(request: Request): RequestOrigin {
  return {
    ip: request.ip() || null,
    userAgent: request.header('user-agent')?.slice(0, 512) ?? null,
  }
}

/** "Mario Rossi (mario.rossi)": how a staff member reads in the log. */
export function staffLabel(user: Pick<User, 'fullName' | 'username'>) {
  return `${user.fullName} (${user.username})`
}

export function userSubject(user: User): AuditSubject {
  return { type: 'user', id: user.id, label: staffLabel(user) }
}

/** A pratica, by its Numero richiesta. */
export function praticaSubject(pratica: { uuid: string }): AuditSubject {
  return { type: 'pratica', id: pratica.uuid }
}

/**
 * Appends an entry to the audit log, in the caller's transaction when it
 * passes one, so the entry and the change it records commit together.
 */
export function recordAudit(entry: AuditEntry, client?: TransactionClientContract) {
  return AuditLog.create(
    {
      enteId: entry.enteId,
      action: entry.action,
      actorId: entry.actor?.id ?? null,
      actorLabel: entry.actor ? staffLabel(entry.actor) : null,
      subjectType: entry.subject?.type ?? null,
      subjectId: entry.subject ? String(entry.subject.id) : null,
      subjectLabel: entry.subject?.label ?? null,
      metadata: entry.metadata ?? {},
      ip: entry.origin?.ip ?? null,
      userAgent: entry.origin?.userAgent ?? null,
    },
    client ? { client } : undefined
  )
}
