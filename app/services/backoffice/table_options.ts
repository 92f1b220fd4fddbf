import type { FieldNode, FormDefinition } from '#domain/forms/types'
import { walk } from '#domain/forms/walker'
import { dottedPath, getAt, type Path } from '#domain/forms/data_paths'
import { displayValue } from '#domain/forms/summary'
import type { SummaryKind } from '#domain/csv_export'

/**
 * "Opzioni tabella": once the list is filtered by a service, every field of
 * its form can be added as a column (Visualizza) and summed (Somma),
 * averaged (Media) or counted (Conta) under the list and at the end of the
 * CSV. A field keeps OpenCity's data key (applicant.email_address...).
 * Fields inside a data grid (many values per pratica) and files are left
 * out; Somma and Media are offered for numbers and amounts only. Asking
 * for a summary shows the column too: the summary sits under it.
 */
export const TABLE_FLAGS = ['visualizza', 'somma', 'media', 'conta'] as const
export type TableFlag = (typeof TABLE_FLAGS)[number]

export const TABLE_FLAG_LABELS: Record<TableFlag, string> = {
  visualizza: 'Visualizza',
  somma: 'Somma',
  media: 'Media',
  conta: 'Conta',
}

const FLAG_SUMMARY: Partial<Record<TableFlag, SummaryKind>> = {
  somma: 'sum',
  media: 'mean',
  conta: 'count',
}

export interface FormColumn {
  /** the data key, e.g. applicant.completename.name */
  key: string
  path: Path
  label: string
  node: FieldNode
  numeric: boolean
}

export interface ChosenColumn extends FormColumn {
  flags: TableFlag[]
  summaries: SummaryKind[]
}

/** The form's fields that can be columns, in form order. */
export function formColumns(definition: FormDefinition): FormColumn[] {
  const columns: FormColumn[] = []
  const addressLabels = new Map<string, string>()
  // with no data the walker enters no data grid row: their fields stay out
  walk(definition, {}, (visit) => {
    const node = visit.node
    if (node.kind === 'address') addressLabels.set(visit.instance, node.label)
    if (node.kind !== 'field' || node.type === 'file') return
    const address = visit.parents.map((parent) => addressLabels.get(parent)).find(Boolean)
    columns.push({
      key: dottedPath(visit.path),
      path: visit.path,
      label: address ? `${address} - ${node.label}` : node.label || dottedPath(visit.path),
      node,
      numeric: node.type === 'number' || node.type === 'currency',
    })
  })
  return columns
}

/**
 * The columns asked for in the query string (`visualizza=key&somma=key`...),
 * in form order. Unknown keys, and sums of what is not a number, are
 * ignored: they come only from a hand-edited address.
 */
export function chooseColumns(
  columns: FormColumn[],
  chosen: Partial<Record<TableFlag, string[]>>
): ChosenColumn[] {
  return columns.flatMap((column) => {
    const flags = TABLE_FLAGS.filter(
      (flag) =>
        (chosen[flag] ?? []).includes(column.key) &&
        (column.numeric || (flag !== 'somma' && flag !== 'media'))
    )
    if (flags.length === 0) return []
    const summaries = flags.flatMap((flag) => FLAG_SUMMARY[flag] ?? [])
    return [{ ...column, flags, summaries }]
  })
}

/** The raw value of a column in a pratica's data. */
export function rawValue(column: FormColumn, data: unknown): unknown {
  return getAt(data, column.path)
}

/** The value as the Riepilogo shows it: option labels, Sì/No, dd/mm/yyyy, Italian numbers. */
export function shownValue(column: FormColumn, data: unknown): string {
  return displayValue(column.node, rawValue(column, data), column.node.options)
}

/** The CSV keeps numbers as numbers (the writer formats them), the rest as shown. */
export function csvValue(column: FormColumn, data: unknown): string | number {
  const value = rawValue(column, data)
  return column.numeric && typeof value === 'number' ? value : shownValue(column, data)
}
