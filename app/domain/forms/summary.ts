import type { FieldNode, FileRef, FormDefinition, Option } from './types.js'
import { getAt } from './data_paths.js'
import { walk } from './walker.js'
import { displayDate, formatNumber, optionKey } from './values.js'
import { formatSize } from './rules/files.js'

/**
 * The "Riepilogo": label and value of every visible field, under the
 * title of the section (panel or fieldset) it sits in, in form order.
 */
export interface SummarySection {
  title: string
  rows: Array<{ label: string; value: string }>
}

export function summarize(
  definition: FormDefinition,
  values: unknown,
  hidden: Set<string>,
  options: (node: FieldNode) => Option[] | undefined = () => undefined
): SummarySection[] {
  const sections: SummarySection[] = []
  let current: SummarySection | null = null
  walk(definition, values, (visit) => {
    if (hidden.has(visit.instance)) return false
    const node = visit.node
    if (
      node.kind === 'layout' &&
      (node.layout === 'panel' || node.layout === 'fieldset') &&
      node.title
    ) {
      current = { title: node.title, rows: [] }
      sections.push(current)
    }
    if (node.kind !== 'field' || node.type === 'hidden' || node.hiddenInput) return
    if (!current) {
      current = { title: definition.title, rows: [] }
      sections.push(current)
    }
    const rowLabel = visit.path.some((segment) => typeof segment === 'number')
      ? ` (${visit.path
          .filter((segment) => typeof segment === 'number')
          .map((index) => Number(index) + 1)
          .join('.')})`
      : ''
    current.rows.push({
      label: node.label + rowLabel,
      value: displayValue(node, getAt(values, visit.path), options(node) ?? node.options),
    })
  })
  return sections.filter((section) => section.rows.length > 0)
}

export function displayValue(node: FieldNode, value: unknown, options?: Option[]): string {
  if (value === null || value === undefined || value === '') return ''
  switch (node.type) {
    case 'checkbox':
      return value === true ? 'Sì' : 'No'
    case 'selectboxes':
      return (node.options ?? [])
        .filter((option) => (value as Record<string, unknown>)[option.value] === true)
        .map((option) => option.label)
        .join(', ')
    case 'select':
    case 'radio': {
      const key = optionKey(value)
      const option = options?.find((candidate) => candidate.value === key)
      if (option) return option.label
      return value && typeof value === 'object'
        ? String((value as Record<string, unknown>).name ?? key)
        : key
    }
    case 'datetime':
      return displayDate(value)
    case 'number':
    case 'currency':
      return typeof value === 'number'
        ? node.type === 'currency'
          ? `${formatNumber(value, true)} €`
          : formatNumber(value)
        : String(value)
    case 'file':
      return (Array.isArray(value) ? (value as FileRef[]) : [])
        .map((file) => `${file.name} (${formatSize(file.size)})`)
        .join(', ')
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
