import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import { parseCsv } from '#domain/csv'

/**
 * The pagoPA taxonomy (Categoria of a payment), read once from the
 * official CSV next to this file (see taxonomy/README.md).
 */
export interface TaxonomyEntry {
  /** DATI SPECIFICI DI INCASSO, e.g. "9/0101100IM/" */
  code: string
  /** "NOME MACRO AREA: TIPO SERVIZIO" */
  label: string
  /** TIPO ENTE CREDITORE, e.g. "COMUNE/UNIONE DI COMUNI / CONSORZI" */
  creditorType: string
  validUntil: DateTime | null
}

const COLUMNS = {
  code: 'DATI SPECIFICI DI INCASSO',
  macroArea: 'NOME MACRO AREA',
  service: 'TIPO SERVIZIO',
  creditorType: 'TIPO ENTE CREDITORE',
  validUntil: 'DATA FINE VALIDITA (mm/gg/aaaa)',
}

/** Entries of a taxonomy CSV, read by its headers. */
export function parseTaxonomy(csv: string): TaxonomyEntry[] {
  const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ''), ';')
  const at = (name: string) => {
    const index = header.findIndex((column) => column.trim() === name)
    if (index < 0) throw new Error(`Tassonomia pagoPA: manca la colonna "${name}"`)
    return index
  }
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, name]) => [key, at(name)])
  ) as Record<keyof typeof COLUMNS, number>
  return rows
    .filter((row) => row.length > 1 && row[index.code]?.trim())
    .map((row) => {
      const until = DateTime.fromFormat(row[index.validUntil].trim(), 'MM/dd/yyyy', {
        zone: 'Europe/Rome',
      })
      return {
        code: row[index.code].trim(),
        label: `${row[index.macroArea].trim()}: ${row[index.service].trim()}`,
        creditorType: row[index.creditorType].trim(),
        validUntil: until.isValid ? until : null,
      }
    })
}

let loaded: Promise<TaxonomyEntry[]> | undefined

function allEntries() {
  loaded ??= readFile(new URL('./taxonomy/taxonomy.csv', import.meta.url), 'utf8').then(
    parseTaxonomy
  )
  return loaded
}

/** The categories still valid today, by label. */
export async function taxonomyChoices(now: DateTime = DateTime.now()) {
  const entries = await allEntries()
  return entries
    .filter((entry) => !entry.validUntil || entry.validUntil >= now)
    .sort((a, b) => a.label.localeCompare(b.label, 'it'))
}

/** Whether `code` names a category (a service keeps an expired one it already has). */
export async function taxonomyCodes() {
  const entries = await allEntries()
  return new Set(entries.map((entry) => entry.code))
}

/** The label of a code, or null when the list does not know it. */
export async function knownTaxonomyLabel(code: string) {
  const entries = await allEntries()
  return entries.find((item) => item.code === code)?.label ?? null
}

/** The label of a code, or the code itself when the list does not know it. */
export async function taxonomyLabel(code: string) {
  return (await knownTaxonomyLabel(code)) ?? code
}
