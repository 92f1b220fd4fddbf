import type { DateTime } from 'luxon'
import { checkDayRange } from '#domain/day_range'
import { queryId, queryText } from '#domain/query_values'
import { dayStart } from '#domain/statistics_buckets'

/**
 * The filters of the audit log viewer (operatore, azione, periodo) and its
 * page, from the query string. Wrong values are reported next to their
 * field, left out of the search and shown back as typed.
 */
export interface AuditFilters {
  actorId: number | null
  action: string | null
  /** the period as instants: [from, to) */
  from: DateTime | null
  to: DateTime | null
  page: number
}

export interface AuditRequest {
  filters: AuditFilters
  typed: { operatore: string; azione: string; dal: string; al: string }
  errors: Record<string, string>
}

export function readAuditFilters(qs: Record<string, unknown>): AuditRequest {
  const typed = {
    operatore: queryText(qs.operatore),
    azione: queryText(qs.azione),
    dal: queryText(qs.dal),
    al: queryText(qs.al),
  }
  const errors: Record<string, string> = {}
  const actorId = typed.operatore ? queryId(typed.operatore) : null
  if (typed.operatore && actorId === null) errors.operatore = "Scegli un operatore dell'elenco."
  const action = /^[a-z_]{1,60}$/.test(typed.azione) ? typed.azione : null
  if (typed.azione && action === null) errors.azione = "Scegli un'azione dell'elenco."
  const range = checkDayRange(typed.dal, typed.al)
  Object.assign(errors, range.errors)
  const page = queryId(queryText(qs.page)) ?? 1
  return {
    filters: {
      actorId,
      action,
      from: range.from ? dayStart(range.from) : null,
      to: range.to ? dayStart(range.to).plus({ days: 1 }) : null,
      page,
    },
    typed,
    errors,
  }
}
