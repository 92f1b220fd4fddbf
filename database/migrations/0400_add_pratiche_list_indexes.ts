import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Indexes of the backoffice's Elenco pratiche (app/services/backoffice/
 * pratiche_list.ts), measured with EXPLAIN ANALYZE on a million pratiche
 * (`npm run bench`). Every list query asks `status > 1000` (drafts never
 * show) or a sent state, so on PostgreSQL the indexes are partial and
 * leave the drafts out; the columns follow the filters (service, state,
 * priority, operator, office, applicant) and end with the order of the
 * list (ultimo cambio stato), so that a page is read in order; the
 * included columns answer the other filters, so that a count reads the
 * index only. The applicant search matches the beginning of names and
 * codici fiscali: lower(...) text_pattern_ops on PostgreSQL. SQLite (the
 * embedded installation, small enti) gets plain indexes on the same columns.
 */
const LIST_INDEXES: Array<{ name: string; columns: string; include: string }> = [
  {
    name: 'pratiche_list_service_status',
    columns: 'ente_id, service_id, status, status_changed_at',
    include: 'priority',
  },
  {
    name: 'pratiche_list_service_changed',
    columns: 'ente_id, service_id, status_changed_at',
    include: 'status, priority',
  },
  {
    name: 'pratiche_list_status',
    columns: 'ente_id, status, status_changed_at',
    include: 'service_id, priority',
  },
  {
    name: 'pratiche_list_priority',
    columns: 'ente_id, priority, status_changed_at',
    include: 'service_id, status',
  },
  {
    name: 'pratiche_list_operator',
    columns: 'ente_id, operator_id, status_changed_at',
    include: 'service_id, status',
  },
  {
    name: 'pratiche_list_office',
    columns: 'ente_id, office_id, status_changed_at',
    include: 'service_id, status',
  },
  { name: 'pratiche_list_created', columns: 'ente_id, created_at', include: 'service_id, status' },
  {
    name: 'pratiche_list_citizen',
    columns: 'ente_id, citizen_id',
    include: 'service_id, status, status_changed_at',
  },
]

const CITIZEN_SEARCH_INDEXES = [
  { name: 'citizens_search_last_name', expression: 'ente_id, lower(last_name) text_pattern_ops' },
  { name: 'citizens_search_first_name', expression: 'ente_id, lower(first_name) text_pattern_ops' },
  { name: 'citizens_search_fiscal_code', expression: 'ente_id, fiscal_code text_pattern_ops' },
]

export default class extends BaseSchema {
  async up() {
    const postgres = this.db.dialect.name === 'postgres'
    for (const index of LIST_INDEXES) {
      this.schema.raw(
        postgres
          ? `create index ${index.name} on pratiche (${index.columns}) include (${index.include}) where status > 1000`
          : `create index ${index.name} on pratiche (${index.columns})`
      )
    }
    if (postgres) {
      for (const index of CITIZEN_SEARCH_INDEXES) {
        this.schema.raw(`create index ${index.name} on citizens (${index.expression})`)
      }
    }
  }

  async down() {
    for (const index of LIST_INDEXES) this.schema.raw(`drop index if exists ${index.name}`)
    for (const index of CITIZEN_SEARCH_INDEXES)
      this.schema.raw(`drop index if exists ${index.name}`)
  }
}
