import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { FINAL_STATES, PraticaStatus } from '#domain/pratica_status'
import type { InstantRange } from '#domain/periods'
import { enabledServiceIds, type ListScope } from '#services/backoffice/list_scope'
import { timestampBinding } from '#services/backoffice/db_values'
import { isUuid } from '#domain/uuid'

/**
 * The Elenco pratiche as a query: one place builds it from a validated
 * filter object, for the page (a page of rows and the count) and for the
 * CSV export (every row, streamed). Always within the ente and the services
 * the staff member may see; drafts (Bozza) are the citizen's and never show.
 *
 * Every filter reads a column of `pratiche` (or an indexed subquery), so
 * PostgreSQL answers from the indexes of migration 0400 even with a million
 * pratiche; the joins only add the names of the rows of one page.
 */

/** Columns the list sorts by, with their name in the query string. */
export const SORT_KEYS = [
  'autenticazione',
  'richiedente',
  'codice-fiscale',
  'servizio',
  'inserimento',
  'cambio-stato',
  'stato',
  'operatore',
  'ufficio',
  'priorita',
] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDirection = 'asc' | 'desc'

/** "Filtra per lavorazione": assegnate al mio ufficio, in carico a me, da assegnare. */
export type WorkFilter =
  { kind: 'office'; officeId: number } | { kind: 'mine' } | { kind: 'unassigned' }

export interface PraticheFilters {
  serviceId: number | null
  status: number | null
  /** services of a geographic area */
  areaId: number | null
  work: WorkFilter | null
  /** "Ultimo cambio stato" */
  changed: InstantRange | null
  priority: number | null
  /** a name, a codice fiscale (or its beginning) or a Numero richiesta */
  search: string
  /** the citizens the search matched, when they are few (see searchedCitizenIds) */
  searchCitizenIds: number[] | null
  sort: SortKey
  direction: SortDirection
}

export const DEFAULT_SORT: { sort: SortKey; direction: SortDirection } = {
  sort: 'cambio-stato',
  direction: 'desc',
}

export function noFilters(): PraticheFilters {
  return {
    serviceId: null,
    status: null,
    areaId: null,
    work: null,
    changed: null,
    priority: null,
    search: '',
    searchCitizenIds: null,
    ...DEFAULT_SORT,
  }
}

const MAX_SEARCH_WORDS = 5

/** The pratiche a scope sees, narrowed by the filters: no joins, no order. */
export function filteredPratiche(scope: ListScope, filters: PraticheFilters) {
  const query = db.from('pratiche as p').where('p.ente_id', scope.enteId)
  if (!scope.allServices) query.whereIn('p.service_id', enabledServiceIds(scope))
  if (filters.serviceId !== null) query.where('p.service_id', filters.serviceId)
  // drafts never, whatever state is asked (the partial indexes say the same)
  query.where('p.status', '>', PraticaStatus.DRAFT)
  if (filters.status !== null) query.where('p.status', filters.status)
  if (filters.areaId !== null) {
    query.whereIn(
      'p.service_id',
      db
        .from('service_geographic_areas')
        .select('service_id')
        .where('geographic_area_id', filters.areaId)
    )
  }
  if (filters.work) applyWork(query, scope, filters.work)
  if (filters.changed?.from) {
    query.where('p.status_changed_at', '>=', timestampBinding(filters.changed.from))
  }
  if (filters.changed?.to) {
    query.where('p.status_changed_at', '<', timestampBinding(filters.changed.to))
  }
  if (filters.priority !== null) query.where('p.priority', filters.priority)
  applySearch(query, scope, filters)
  return query
}

function applyWork(query: DatabaseQueryBuilderContract, scope: ListScope, work: WorkFilter) {
  switch (work.kind) {
    case 'office':
      query.where('p.office_id', work.officeId)
      return
    case 'mine':
      query.where('p.operator_id', scope.userId)
      return
    case 'unassigned':
      // waiting to be taken in charge: nobody has it and it is not closed
      query.whereNull('p.operator_id').whereNotIn('p.status', FINAL_STATES)
  }
}

/**
 * "Cerca per nome utente, codice fiscale o Id pratica". A whole Numero
 * richiesta finds that pratica; otherwise every word must begin the
 * applicant's name, surname or codice fiscale. Beginnings, not any
 * substring: that is what a btree index answers (lower(name)
 * text_pattern_ops on PostgreSQL), on a million pratiche too.
 */
function applySearch(
  query: DatabaseQueryBuilderContract,
  scope: ListScope,
  filters: PraticheFilters
) {
  const text = filters.search.trim()
  if (!text) return
  if (isUuid(text)) {
    query.where('p.uuid', text.toLowerCase())
  } else if (filters.searchCitizenIds) {
    query.whereIn('p.citizen_id', filters.searchCitizenIds)
  } else {
    const citizens = matchingCitizens(scope, text)
    if (citizens) query.whereIn('p.citizen_id', citizens)
  }
}

/** The citizens of the scope's ente whose name or codice fiscale begin with the searched words (ids). */
export function matchingCitizens(scope: ListScope, search: string) {
  const words = search
    .replace(/[%_\\]/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS)
  if (words.length === 0 || isUuid(search.trim())) return null
  const citizens = db.from('citizens').select('id').where('ente_id', scope.enteId)
  for (const word of words) {
    const lower = `${word.toLowerCase()}%`
    citizens.where((match) => {
      match
        .whereRaw('lower(first_name) like ?', [lower])
        .orWhereRaw('lower(last_name) like ?', [lower])
        .orWhere('fiscal_code', 'like', `${word.toUpperCase()}%`)
    })
  }
  return citizens
}

/**
 * The citizens a search names, when there are at most FEW_CITIZENS of
 * them; null otherwise. A short list of ids lets PostgreSQL's planner see
 * how few pratiche match ("mario rossi": a hundred citizens among a
 * hundred thousand), where a subquery is guessed too large and the list is
 * then read in date order until enough rows turn up (measured: 135 ms
 * instead of 2 on a million pratiche). A common name keeps the subquery:
 * its pratiche turn up early in date order.
 */
export const FEW_CITIZENS = 1000

export async function searchedCitizenIds(scope: ListScope, search: string) {
  const citizens = matchingCitizens(scope, search)
  if (!citizens) return null
  const rows = await citizens.limit(FEW_CITIZENS + 1)
  return rows.length <= FEW_CITIZENS ? rows.map((row) => Number(row.id)) : null
}

/** What a row of the list shows; `data` only when form fields are asked for. */
const ROW_COLUMNS = [
  'p.id',
  'p.uuid',
  'p.service_id',
  'p.auth_method',
  'p.created_at',
  'p.status_changed_at',
  'p.status',
  'p.partial',
  'p.priority',
  'p.typed_applicant',
  's.name as service_name',
  'c.first_name as citizen_first_name',
  'c.last_name as citizen_last_name',
  'c.fiscal_code as citizen_fiscal_code',
  'u.first_name as operator_first_name',
  'u.last_name as operator_last_name',
  'o.name as office_name',
]

/** The tables that give a row its names, by alias. */
const JOINS = {
  s: (query: DatabaseQueryBuilderContract) => query.join('services as s', 's.id', 'p.service_id'),
  c: (query: DatabaseQueryBuilderContract) =>
    query.leftJoin('citizens as c', 'c.id', 'p.citizen_id'),
  u: (query: DatabaseQueryBuilderContract) => query.leftJoin('users as u', 'u.id', 'p.operator_id'),
  o: (query: DatabaseQueryBuilderContract) => query.leftJoin('offices as o', 'o.id', 'p.office_id'),
}
type JoinAlias = keyof typeof JOINS

/**
 * The columns of each order, and the table it reads. Nullable ones put
 * their empty values last in both directions and databases; ties go by
 * change of state, then by pratica (so pages never overlap), in the same
 * direction, which the indexes read forwards or backwards.
 */
const SORT_SQL: Record<
  SortKey,
  { join?: JoinAlias; columns: Array<{ sql: string; nullable?: boolean }> }
> = {
  'autenticazione': { columns: [{ sql: 'p.auth_method', nullable: true }] },
  'richiedente': {
    join: 'c',
    columns: [
      { sql: 'c.last_name', nullable: true },
      { sql: 'c.first_name', nullable: true },
    ],
  },
  'codice-fiscale': { join: 'c', columns: [{ sql: 'c.fiscal_code', nullable: true }] },
  'servizio': { join: 's', columns: [{ sql: 's.name' }] },
  'inserimento': { columns: [{ sql: 'p.created_at' }] },
  'cambio-stato': { columns: [{ sql: 'p.status_changed_at' }] },
  'stato': { columns: [{ sql: 'p.status' }] },
  'operatore': {
    join: 'u',
    columns: [
      { sql: 'u.last_name', nullable: true },
      { sql: 'u.first_name', nullable: true },
    ],
  },
  'ufficio': { join: 'o', columns: [{ sql: 'o.name', nullable: true }] },
  'priorita': { columns: [{ sql: 'p.priority' }] },
}

function inOrder(query: DatabaseQueryBuilderContract, filters: PraticheFilters) {
  const direction = filters.direction === 'asc' ? 'asc' : 'desc'
  for (const column of SORT_SQL[filters.sort].columns) {
    query.orderByRaw(
      column.nullable
        ? `${column.sql} is null, ${column.sql} ${direction}`
        : `${column.sql} ${direction}`
    )
  }
  if (filters.sort !== 'cambio-stato') query.orderBy('p.status_changed_at', direction)
  return query.orderBy('p.id', direction)
}

function withNames(query: DatabaseQueryBuilderContract, withData = false) {
  query.select(withData ? [...ROW_COLUMNS, 'p.data'] : ROW_COLUMNS)
  for (const join of Object.values(JOINS)) join(query)
  return query
}

/** Every row of the filtered list with the names it shows, in the chosen order (the CSV). */
export function listRowsQuery(
  scope: ListScope,
  filters: PraticheFilters,
  options: { withData?: boolean } = {}
) {
  return inOrder(withNames(rowSource(scope, filters), options.withData), filters)
}

/**
 * The ids of a page, in order, joining only the table the order reads.
 * A page is read in two steps, these ids then rowsByIds: PostgreSQL plans
 * a query on pratiche alone in a fraction of the time it takes to plan the
 * five tables together (measured: 0.3 ms instead of 4, more than the rows
 * take to read).
 */
export function pageIdsQuery(scope: ListScope, filters: PraticheFilters) {
  const query = rowSource(scope, filters).select('p.id')
  const join = SORT_SQL[filters.sort].join
  if (join) JOINS[join](query)
  return inOrder(query, filters)
}

/** The rows of these pratiche (of the ente) with their names, in no particular order. */
export function rowsByIds(scope: ListScope, ids: number[], options: { withData?: boolean } = {}) {
  return withNames(db.from('pratiche as p'), options.withData)
    .where('p.ente_id', scope.enteId)
    .whereIn('p.id', ids)
}

/**
 * The filtered pratiche the rows are read from. After a search that named
 * few citizens, their pratiche (a few thousand at most) are gathered first
 * through the citizens' index, then ordered: left to itself, PostgreSQL
 * reads the whole list in date order looking for them (measured on a
 * million pratiche: 170 ms instead of 2).
 */
function rowSource(scope: ListScope, filters: PraticheFilters) {
  if (!filters.searchCitizenIds) return filteredPratiche(scope, filters)
  return db
    .query()
    .withMaterialized('matched', filteredPratiche(scope, filters).select('p.id'))
    .from('matched as m')
    .join('pratiche as p', 'p.id', 'm.id')
}

/**
 * Counting stops past COUNT_LIMIT: the list says "oltre 10.000 pratiche"
 * instead of reading a million index entries on every page (nobody pages
 * that far; a filter narrows it). Below it the count is exact.
 */
export const COUNT_LIMIT = 10_000

export async function countPratiche(
  scope: ListScope,
  filters: PraticheFilters
): Promise<{ total: number; capped: boolean }> {
  const bounded = filteredPratiche(scope, filters)
    .select('p.id')
    .limit(COUNT_LIMIT + 1)
  const [row] = await db.from(bounded.as('bounded')).count('* as total')
  const total = Number(row.total)
  return total > COUNT_LIMIT ? { total: COUNT_LIMIT, capped: true } : { total, capped: false }
}
