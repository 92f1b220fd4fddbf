import type { FieldNode, FileRef, FormDefinition, Option } from './types.js'
import { getAt } from './data_paths.js'
import { walk } from './walker.js'
import { displayDate, formatNumber, isOption, optionKey } from './values.js'
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
  // each field goes in the section of the nearest titled panel or fieldset above it
  const titles = new Map<string, string>()
  const byInstance = new Map<string, SummarySection>()
  walk(definition, values, (visit) => {
    if (hidden.has(visit.instance)) return false
    const node = visit.node
    if (
      node.kind === 'layout' &&
      (node.layout === 'panel' || node.layout === 'fieldset') &&
      node.title
    ) {
      titles.set(visit.instance, node.title)
    }
    if (node.kind !== 'field' || node.type === 'hidden' || node.hiddenInput) return
    const owner = [...visit.parents].reverse().find((instance) => titles.has(instance)) ?? ''
    let section = byInstance.get(owner)
    if (!section) {
      section = { title: titles.get(owner) ?? definition.title, rows: [] }
      byInstance.set(owner, section)
      sections.push(section)
    }
    const rowNumbers = visit.path.filter((segment) => typeof segment === 'number')
    const rowLabel = rowNumbers.length
      ? ` (${rowNumbers.map((index) => Number(index) + 1).join('.')})`
      : ''
    section.rows.push({
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
      const option = options?.find((candidate) => isOption(candidate, value))
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
