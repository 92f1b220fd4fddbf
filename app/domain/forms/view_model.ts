import type { FieldNode, FileRef, FormDefinition, FormNode, FormValues, Option } from './types.js'
import { getAt, nameOf, type Path } from './data_paths.js'
import { displayDate, formatNumber, isOption, optionKey } from './values.js'
import { filesHint, formatSize } from './rules/files.js'
import type { FormErrors } from './validate.js'

/**
 * What the Edge components render: every node instance with its input
 * name, DOM id, shown value, error and whether it is hidden. The templates
 * only print it. A data grid also carries a row template (index `__ROW__`)
 * that the browser clones for "Aggiungi un altro".
 */
export const ROW_PLACEHOLDER = '__ROW__'

export interface ViewState {
  values: FormValues
  hidden: Set<string>
  errors: FormErrors
  options: (node: FieldNode) => Option[] | undefined
}

export type ViewOption = Option & { id: string; selected: boolean }

export interface FieldView {
  kind: 'field'
  type: FieldNode['type']
  instance: string
  hidden: boolean
  id: string
  name: string
  label: string
  description?: string
  placeholder?: string
  required: boolean
  readOnly: boolean
  hiddenInput: boolean
  error?: string
  /** text inputs: the value as typed or stored, shown the Italian way */
  text: string
  checked: boolean
  options: ViewOption[]
  /** select with a long list: a text input with a datalist */
  datalist?: string
  files: Array<FileRef & { sizeText: string }>
  fileHint?: string
  accept?: string
  multiple: boolean
  rows?: number
}

export type NodeView =
  | FieldView
  | {
      kind: 'layout'
      layout: string
      title?: string
      width?: number
      instance: string
      hidden: boolean
      children: NodeView[]
    }
  | { kind: 'nested'; instance: string; hidden: boolean; children: NodeView[] }
  | { kind: 'content'; instance: string; hidden: boolean; html: string }
  | {
      kind: 'address'
      instance: string
      hidden: boolean
      label: string
      id: string
      error?: string
      required: boolean
      children: NodeView[]
    }
  | {
      kind: 'grid'
      instance: string
      hidden: boolean
      id: string
      name: string
      label: string
      addLabel: string
      error?: string
      canAdd: boolean
      canRemove: boolean
      rows: Array<{ index: number; number: number; marker: string; children: NodeView[] }>
      template: { marker: string; children: NodeView[] }
    }

const LONG_LISTS = new Set(['comuni'])

export function buildView(definition: FormDefinition, state: ViewState): NodeView[] {
  return definition.children.map((node) => viewOf(node, [], [], state))
}

function viewOf(
  node: FormNode,
  path: Path,
  rows: Array<number | string>,
  state: ViewState
): NodeView {
  const instance = rows.length > 0 ? `${node.uid}@${rows.join('.')}` : node.uid
  const hidden = state.hidden.has(instance)
  const domId = `f-${instance.replace(/[^A-Za-z0-9_-]/g, '-')}`
  switch (node.kind) {
    case 'layout':
      return {
        kind: 'layout',
        layout: node.layout,
        title: node.title,
        width: node.width,
        instance,
        hidden,
        children: node.children.map((child) => viewOf(child, path, rows, state)),
      }
    case 'content':
      return { kind: 'content', instance, hidden, html: node.html }
    case 'nested':
      return {
        kind: 'nested',
        instance,
        hidden,
        children: node.children.map((child) => viewOf(child, [...path, node.key], rows, state)),
      }
    case 'address':
      return {
        kind: 'address',
        instance,
        hidden,
        id: domId,
        label: node.label,
        required: node.required,
        error: state.errors[nameOf([...path, node.key])],
        children: node.children.map((child) =>
          viewOf(child, [...path, node.key, 'address'], rows, state)
        ),
      }
    case 'grid': {
      const gridPath = [...path, node.key]
      const count = (getAt(state.values, gridPath) as unknown[] | undefined)?.length ?? 0
      const rowView = (index: number | string) => ({
        marker: nameOf([...gridPath, index, '_row']),
        children: node.children.map((child) =>
          viewOf(child, [...gridPath, index], [...rows, index], state)
        ),
      })
      return {
        kind: 'grid',
        instance,
        hidden,
        id: domId,
        name: nameOf(gridPath),
        label: node.label,
        addLabel: node.addLabel,
        error: state.errors[nameOf(gridPath)],
        canAdd: !node.maxRows || count < node.maxRows,
        canRemove: count > Math.max(node.minRows, 0),
        rows: Array.from({ length: count }, (_, index) => ({
          index,
          number: index + 1,
          ...rowView(index),
        })),
        template: rowView(ROW_PLACEHOLDER),
      }
    }
    case 'field':
      return fieldView(node, [...path, node.key], instance, hidden, domId, state)
  }
}

function fieldView(
  node: FieldNode,
  path: Path,
  instance: string,
  hidden: boolean,
  id: string,
  state: ViewState
): FieldView {
  const value = getAt(state.values, path)
  const options =
    node.list && LONG_LISTS.has(node.list) ? [] : (state.options(node) ?? node.options ?? [])
  const chosen =
    node.type === 'selectboxes' ? ((value as Record<string, boolean> | undefined) ?? {}) : null
  const files = node.type === 'file' && Array.isArray(value) ? (value as FileRef[]) : []
  return {
    kind: 'field',
    type: node.type,
    instance,
    hidden,
    id,
    name: nameOf(path),
    label: node.label,
    description: node.description,
    placeholder:
      node.type === 'datetime' || node.type === 'day'
        ? (node.placeholder ?? 'gg/mm/aaaa')
        : node.placeholder,
    required: node.validate.required === true,
    readOnly: node.readOnly === true,
    hiddenInput: node.hiddenInput === true,
    error: state.errors[nameOf(path)],
    text: textOf(node, value),
    checked: value === true,
    options: options.map((option, index) => ({
      ...option,
      id: `${id}-${index}`,
      selected: chosen ? chosen[option.value] === true : isOption(option, value),
    })),
    datalist: node.list && LONG_LISTS.has(node.list) ? `sdc-list-${node.list}` : undefined,
    files: files.map((file) => ({ ...file, sizeText: formatSize(file.size) })),
    fileHint: node.file ? filesHint(node.file) : undefined,
    accept: node.file ? node.file.types.map((type) => `.${type}`).join(',') : undefined,
    multiple: node.file?.multiple ?? false,
    rows: node.rows,
  }
}

function textOf(node: FieldNode, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (node.type === 'datetime') return displayDate(value)
  if ((node.type === 'number' || node.type === 'currency') && typeof value === 'number') {
    return node.type === 'currency'
      ? formatNumber(value, true).replace(/\./g, '')
      : String(value).replace('.', ',')
  }
  if (typeof value === 'object') return optionKey(value)
  return String(value)
}
