import type { PraticheFiltersInput } from '#validators/pratiche_filters'
import { TABLE_FLAGS } from '#services/backoffice/table_options'

/**
 * Addresses of the Elenco pratiche that keep its filters in the query
 * string (so a list can be bookmarked, reloaded, shared with a colleague
 * and exported as it is): only values that passed validation are kept.
 */
export type ListQuery = Array<[string, string]>

const SCALARS = [
  'servizio',
  'stato',
  'area',
  'lavorazione',
  'periodo',
  'dal',
  'al',
  'priorita',
  'cerca',
  'ordina',
  'verso',
  'per_pagina',
] as const

export function listQuery(input: Partial<PraticheFiltersInput>): ListQuery {
  const pairs: ListQuery = []
  for (const name of SCALARS) {
    const value = input[name]
    if (value !== undefined && value !== null && value !== '') pairs.push([name, String(value)])
  }
  for (const flag of TABLE_FLAGS) {
    for (const key of input[flag] ?? []) pairs.push([flag, key])
  }
  return pairs
}

/** The same query with some names replaced (or dropped when the new value is null). */
export function withParams(query: ListQuery, changes: Record<string, string | number | null>) {
  const kept = query.filter(([name]) => !(name in changes))
  for (const [name, value] of Object.entries(changes)) {
    if (value !== null) kept.push([name, String(value)])
  }
  return kept
}

export function listUrl(base: string, query: ListQuery) {
  const search = new URLSearchParams(query).toString()
  return search ? `${base}?${search}` : base
}
