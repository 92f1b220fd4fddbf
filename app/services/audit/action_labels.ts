import type { AuditAction } from '#services/audit/audit_log'

/**
 * How the audit log viewer names each action, in the manual's words where
 * it has them. An action recorded before it got a label shows its code.
 */
export const AUDIT_ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  login_succeeded: 'Accesso',
  login_failed: 'Accesso non riuscito',
  password_reset_requested: 'Richiesta di reimpostazione della password',
  password_changed: 'Password cambiata',
  operator_created: 'Operatore creato',
  operator_updated: 'Operatore modificato',
  operator_enabled: 'Operatore abilitato',
  operator_disabled: 'Operatore disabilitato',
  operator_role_changed: 'Ruolo cambiato',
  operator_deleted: 'Operatore eliminato',
  service_created: 'Servizio creato',
  service_updated: 'Servizio modificato',
  service_form_saved: 'Modulo del servizio salvato',
  pratiche_exported: 'Esportazione delle pratiche (CSV)',
  pratica_taken_in_charge: 'Presa in carico',
  pratica_taken_over: 'Subentro',
  pratica_assigned: 'Assegnazione',
  pratica_priority_changed: 'Cambio priorità',
  pratica_status_changed: 'Cambio stato',
  pratica_approved: 'Approvazione',
  pratica_rejected: 'Rigetto',
  pratica_message_sent: 'Messaggio al cittadino',
  pratica_note_added: 'Nota interna',
  pratica_integration_requested: 'Richiesta integrazioni',
  pratica_integration_accepted: 'Integrazioni accettate',
  pratica_integration_cancelled: 'Richiesta integrazioni annullata',
  pratica_outcome_recorded: 'Esito registrato',
  pratica_created_for_citizen: 'Pratica creata per un cittadino',
  payment_registered: 'Pagamento registrato',
  payment_requested: 'Pagamento posticipato',
  payment_creation_retried: 'Creazione del pagamento ripresa',
  audit_exported: 'Esportazione del registro delle attività (CSV)',
}

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action
}

/** "Filtra per azione": every labelled action, by label. */
export function actionChoices() {
  return Object.entries(AUDIT_ACTION_LABELS)
    .map(([value, label]) => ({ value, label: label! }))
    .sort((a, b) => a.label.localeCompare(b.label, 'it'))
}

/** The names of the details (metadata) the viewer shows in Italian; others show their key. */
const DETAIL_LABELS: Record<string, string> = {
  tab: 'scheda',
  version: 'versione',
  fields: 'campi',
  query: 'filtri',
  from: 'da',
  to: 'a',
  role: 'ruolo',
  remember: 'ricordami',
  reason: 'motivazione',
  username: 'username',
  services: 'servizi',
  offices: 'uffici',
  partial: 'parziale',
  attachments: 'allegati',
  esito: 'esito',
  email: 'email',
  destination: 'destinazione',
  positions: 'posizioni',
  changes: 'modifiche',
}

export function detailLabel(key: string): string {
  return DETAIL_LABELS[key] ?? key
}
