import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Ente from '#models/ente'
import { CsvWriter, type CsvColumn } from '#domain/csv_export'
import { readJson, readTimestamp, timestampBinding } from '#services/backoffice/db_values'
import { rowBatches } from '#services/backoffice/row_batches'
import { listUrl, withParams, type ListQuery } from '#services/backoffice/list_urls'
import { pageWindow } from '#services/backoffice/list_page'
import { actionChoices, actionLabel, detailLabel } from '#services/audit/action_labels'
import type { AuditRequest, AuditFilters } from '#services/audit/audit_filters'

/**
 * The ente admin's view of the audit log: who did what, to which pratica
 * (or operator, service...), when and from where, newest first, filtered
 * and by pages; and the same entries as a CSV (DESIGN's format), streamed.
 * Only the ente's own entries, ever.
 */
export const AUDIT_PER_PAGE = 50

export interface AuditRow {
  at: DateTime
  actor: string
  action: string
  subject: string
  /** the pratica's page, when the entry names a pratica */
  subjectUrl: string | null
  details: string
  ip: string
  userAgent: string
}

function filtered(ente: Ente, filters: AuditFilters) {
  const query = db.from('audit_logs').where('ente_id', ente.id)
  if (filters.actorId !== null) query.where('actor_id', filters.actorId)
  if (filters.action !== null) query.where('action', filters.action)
  if (filters.from) query.where('created_at', '>=', timestampBinding(filters.from))
  if (filters.to) query.where('created_at', '<', timestampBinding(filters.to))
  return query
}

function ordered(ente: Ente, filters: AuditFilters) {
  return filtered(ente, filters).select('*').orderBy('created_at', 'desc').orderBy('id', 'desc')
}

function detailValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'sì' : 'no'
  if (Array.isArray(value)) return value.map(detailValue).join(', ')
  return JSON.stringify(value)
}

/** What changed, the query exported, ...: "campo: valore; ..." */
export function describeMetadata(metadata: Record<string, unknown> | null): string {
  return Object.entries(metadata ?? {})
    .map(([key, value]) => `${detailLabel(key)}: ${detailValue(value)}`)
    .join('; ')
}

function toAuditRow(ente: Ente, row: Record<string, any>): AuditRow {
  const isPratica = row.subject_type === 'pratica' && row.subject_id
  return {
    at: readTimestamp(row.created_at)!,
    actor: row.actor_label ?? 'Anonimo',
    action: actionLabel(row.action),
    subject: isPratica ? `Pratica ${row.subject_id}` : (row.subject_label ?? row.subject_id ?? ''),
    subjectUrl: isPratica ? `/${ente.slug}/backoffice/pratiche/${row.subject_id}` : null,
    details: describeMetadata(readJson<Record<string, unknown>>(row.metadata)),
    ip: row.ip ?? '',
    userAgent: row.user_agent ?? '',
  }
}

function auditQuery(typed: AuditRequest['typed']): ListQuery {
  return Object.entries(typed).filter(([, value]) => value !== '')
}

export async function auditPage(ente: Ente, request: AuditRequest, base: string) {
  const { filters } = request
  const countRow = await filtered(ente, filters).count('* as total').first()
  const total = Number(countRow?.total ?? 0)
  const lastPage = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE))
  const page = Math.min(filters.page, lastPage)
  const rows = await ordered(ente, filters)
    .limit(AUDIT_PER_PAGE)
    .offset((page - 1) * AUDIT_PER_PAGE)
  const query = auditQuery(request.typed)
  const pageUrl = (number: number) => listUrl(base, withParams(query, { page: number }))
  return {
    rows: rows.map((row) => toAuditRow(ente, row)),
    total,
    exportUrl: listUrl(`${base}/esporta`, query),
    choices: {
      operators: await staffOf(ente),
      actions: actionChoices(),
    },
    pagination: {
      first: total ? (page - 1) * AUDIT_PER_PAGE + 1 : 0,
      last: Math.min(page * AUDIT_PER_PAGE, total),
      previous: page > 1 ? pageUrl(page - 1) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
      links: pageWindow(page, lastPage).map((number) =>
        number === null ? null : { number, url: pageUrl(number), current: number === page }
      ),
    },
  }
}

/** "Filtra per operatore": every staff account of the ente, the disabled ones too. */
async function staffOf(ente: Ente) {
  const users = await User.query()
    .select('id', 'first_name', 'last_name', 'username')
    .where('ente_id', ente.id)
    .orderBy('last_name')
    .orderBy('first_name')
  return users.map((user) => ({ value: user.id, label: `${user.fullName} (${user.username})` }))
}

const CSV_COLUMNS: CsvColumn<AuditRow>[] = [
  { header: 'Data e ora', value: (row) => row.at, raw: () => 1, summaries: ['count'] },
  { header: 'Operatore', value: (row) => row.actor },
  { header: 'Azione', value: (row) => row.action },
  { header: 'Oggetto', value: (row) => row.subject },
  { header: 'Dettagli', value: (row) => row.details },
  { header: 'Indirizzo IP', value: (row) => row.ip },
  { header: 'Browser', value: (row) => row.userAgent },
]

export async function* auditCsv(ente: Ente, filters: AuditFilters) {
  const writer = new CsvWriter(CSV_COLUMNS)
  yield writer.start()
  for await (const batch of rowBatches(ordered(ente, filters))) {
    yield writer.rows(batch.map((row) => toAuditRow(ente, row)))
  }
  yield writer.end()
}

export function auditFileName(enteSlug: string, now = DateTime.now()) {
  return `registro-attivita-${enteSlug}-${now.setZone('Europe/Rome').toFormat('yyyyMMdd-HHmm')}.csv`
}
