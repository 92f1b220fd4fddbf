import db from '@adonisjs/lucid/services/db'
import type { SummaryKind } from '#domain/csv_export'
import type { Path } from '#domain/forms/data_paths'
import type { ListScope } from '#services/backoffice/list_scope'
import { filteredPratiche, type PraticheFilters } from '#services/backoffice/pratiche_list'
import type { ChosenColumn } from '#services/backoffice/table_options'
import { isPostgres } from '#services/backoffice/db_values'

export type ColumnSummary = Partial<Record<SummaryKind, number | null>>

/**
 * The summary row under the list: Somma, Media and Conta of the chosen form
 * fields over every filtered pratica (not only the page shown), computed by
 * the database. Same rules as the CSV's summary rows (csv_export.ts):
 * sums and means of JSON numbers only; Conta counts values given (not
 * null, not blank text, not false, not an empty list).
 */
export async function columnSummaries(
  scope: ListScope,
  filters: PraticheFilters,
  columns: ChosenColumn[]
): Promise<Map<string, ColumnSummary>> {
  const wanted = columns.filter((column) => column.summaries.length > 0)
  const result = new Map<string, ColumnSummary>()
  if (wanted.length === 0) return result

  const postgres = isPostgres()
  const expressions = postgres ? postgresSql : sqliteSql
  // the data is parsed once per pratica, then read for every column
  const filtered = filteredPratiche(scope, filters).select(
    db.raw(postgres ? 'p.data::jsonb as d' : 'p.data as d')
  )
  const query = db.from(filtered.as('f'))
  wanted.forEach((column, index) => {
    const { sum, mean, count } = expressions(column.path)
    query.select(
      db.raw(`${sum.sql} as s${index}`, sum.bindings),
      db.raw(`${mean.sql} as m${index}`, mean.bindings),
      db.raw(`${count.sql} as c${index}`, count.bindings)
    )
  })
  const [row] = await query
  wanted.forEach((column, index) => {
    const summary: ColumnSummary = {}
    if (column.summaries.includes('sum')) summary.sum = Number(row[`s${index}`] ?? 0)
    if (column.summaries.includes('mean')) summary.mean = nullableNumber(row[`m${index}`])
    if (column.summaries.includes('count')) summary.count = Number(row[`c${index}`] ?? 0)
    result.set(column.key, summary)
  })
  return result
}

function nullableNumber(value: unknown) {
  return value === null || value === undefined ? null : Number(value)
}

/** jsonb: the value at the path, its type, a number only when it is one. */
function postgresSql(path: Path) {
  const literal = `{${path.map((segment) => `"${String(segment).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
  const value = `(f.d #> ?::text[])`
  const number = `case when jsonb_typeof(${value}) = 'number' then (${value} #>> '{}')::numeric end`
  const given = `case when jsonb_typeof(${value}) in ('number', 'object')
      or ${value} = 'true'::jsonb
      or (jsonb_typeof(${value}) = 'string' and btrim(${value} #>> '{}') <> '')
      or (jsonb_typeof(${value}) = 'array' and jsonb_array_length(${value}) > 0) then 1 end`
  return {
    sum: bound(`sum(${number})`, literal),
    mean: bound(`avg(${number})`, literal),
    count: bound(`count(${given})`, literal),
  }
}

/** SQLite's JSON1: json_type names integer/real/text/true/false/null/array/object. */
function sqliteSql(path: Path) {
  const jsonPath = `$${path.map((segment) => `."${String(segment).replace(/"/g, '""')}"`).join('')}`
  const type = `json_type(f.d, ?)`
  const value = `json_extract(f.d, ?)`
  const number = `case when ${type} in ('integer', 'real') then ${value} end`
  const given = `case when ${type} in ('integer', 'real', 'true', 'object')
      or (${type} = 'text' and trim(${value}) <> '')
      or (${type} = 'array' and json_array_length(f.d, ?) > 0) then 1 end`
  return {
    sum: bound(`sum(${number})`, jsonPath),
    mean: bound(`avg(${number})`, jsonPath),
    count: bound(`count(${given})`, jsonPath),
  }
}

/** Every placeholder of these expressions stands for the field's path. */
function bound(sql: string, path: string) {
  return { sql, bindings: new Array((sql.match(/\?/g) ?? []).length).fill(path) }
}
