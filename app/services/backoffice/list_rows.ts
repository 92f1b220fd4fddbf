import type { DateTime } from 'luxon'
import { isPraticaStatus, statusLabel } from '#domain/pratica_status'
import type { TypedApplicant } from '#services/citizens/citizen_from_typed_data'
import { authMethodLabel, priorityLabel } from '#services/backoffice/labels'
import { readJson, readTimestamp } from '#services/backoffice/db_values'

/** A row of the Elenco pratiche, as the page and the CSV show it. */
export interface ListRow {
  id: number
  /** the "Numero richiesta" */
  uuid: string
  serviceName: string
  authMethod: string
  /** Richiedente */
  applicant: string
  fiscalCode: string
  /** Data di inserimento */
  createdAt: DateTime | null
  /** Ultimo cambio stato */
  statusChangedAt: DateTime | null
  status: string
  operator: string
  office: string
  priority: string
  /** the pratica's form data, when asked for */
  data: Record<string, unknown>
}

/**
 * A raw row of listRowsQuery. The applicant is the citizen; a login-free
 * applicant (who typed their data) is shown as typed, as the pratica keeps it.
 */
export function toListRow(raw: Record<string, any>): ListRow {
  const typed = readJson<TypedApplicant>(raw.typed_applicant)
  const status = Number(raw.status)
  return {
    id: Number(raw.id),
    uuid: String(raw.uuid),
    serviceName: raw.service_name ?? '',
    authMethod: authMethodLabel(raw.auth_method ?? null),
    applicant: typed
      ? fullName(typed.nome, typed.cognome)
      : fullName(raw.citizen_first_name, raw.citizen_last_name),
    fiscalCode: (typed?.codiceFiscale || raw.citizen_fiscal_code || '').toUpperCase(),
    createdAt: readTimestamp(raw.created_at),
    statusChangedAt: readTimestamp(raw.status_changed_at),
    status: isPraticaStatus(status)
      ? statusLabel(status, { partial: Boolean(raw.partial) })
      : String(status),
    operator: fullName(raw.operator_first_name, raw.operator_last_name),
    office: raw.office_name ?? '',
    priority: priorityLabel(Number(raw.priority)),
    data: readJson<Record<string, unknown>>(raw.data) ?? {},
  }
}

function fullName(first: string | null | undefined, last: string | null | undefined) {
  return [first, last].filter(Boolean).join(' ')
}
