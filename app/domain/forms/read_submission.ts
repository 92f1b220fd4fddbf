import type { FieldNode, FileRef, FormDefinition, FormNode, FormValues, Option } from './types.js'
import { nameOf, setAt, type Path } from './data_paths.js'
import { isoDate, italianDate, optionValue, parseItalianDate, parseNumber } from './values.js'

/**
 * Posted fields (input name → text, or texts for repeated names) → the
 * form's nested data. Server and browser both post names made by
 * `nameOf(path)`, so this one function reads both a request body and the
 * browser's FormData. A data grid row exists when its `<grid>/<i>/_row`
 * marker was posted; rows are renumbered from 0.
 */
export type PostedFields = Record<string, string | string[] | null | undefined>

export interface ReadSources {
  options?: (node: FieldNode) => Option[] | undefined
  /** an upload the person may use, by id (the server checks its owner) */
  file?: (id: string) => FileRef | undefined
}

export const ROW_MARKER = '_row'

function single(value: PostedFields[string]): string {
  if (Array.isArray(value)) return String(value[value.length - 1] ?? '')
  return value === null || value === undefined ? '' : String(value)
}

function many(value: PostedFields[string]): string[] {
  if (Array.isArray(value)) return value.map(String)
  return value === null || value === undefined || value === '' ? [] : [String(value)]
}

export function readSubmission(
  definition: FormDefinition,
  fields: PostedFields,
  sources: ReadSources = {}
) {
  const data: FormValues = {}
  // `path` is where a value goes, `posted` the path its input was named after (grid rows get renumbered)
  const readNodes = (nodes: FormNode[], path: Path, posted: Path) =>
    nodes.forEach((node) => readNode(node, path, posted))
  const readNode = (node: FormNode, path: Path, posted: Path) => {
    switch (node.kind) {
      case 'layout':
        return readNodes(node.children, path, posted)
      case 'content':
        return
      case 'nested':
        setAt(data, [...path, node.key], {})
        return readNodes(node.children, [...path, node.key], [...posted, node.key])
      case 'address':
        setAt(data, [...path, node.key], { mode: 'manual', address: {} })
        return readNodes(
          node.children,
          [...path, node.key, 'address'],
          [...posted, node.key, 'address']
        )
      case 'grid': {
        setAt(data, [...path, node.key], [])
        rowIndexes(fields, nameOf([...posted, node.key])).forEach((postedIndex, index) =>
          readNodes(node.children, [...path, node.key, index], [...posted, node.key, postedIndex])
        )
        return
      }
      case 'field':
        setAt(
          data,
          [...path, node.key],
          readField(node, fields[nameOf([...posted, node.key])], sources)
        )
    }
  }
  readNodes(definition.children, [], [])
  return data
}

function rowIndexes(fields: PostedFields, gridName: string): number[] {
  const indexes = new Set<number>()
  const marker = new RegExp(
    `^${gridName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)/${ROW_MARKER}$`
  )
  for (const name of Object.keys(fields)) {
    const match = marker.exec(name)
    if (match) indexes.add(Number(match[1]))
  }
  return [...indexes].sort((a, b) => a - b)
}

export function readField(
  node: FieldNode,
  posted: PostedFields[string],
  sources: ReadSources
): unknown {
  switch (node.type) {
    case 'number':
    case 'currency': {
      const text = single(posted).trim()
      return text === '' ? null : (parseNumber(text) ?? text)
    }
    case 'checkbox':
      return ['true', 'on', '1', 'yes'].includes(single(posted))
    case 'selectboxes': {
      const chosen = new Set(many(posted))
      return Object.fromEntries(
        (node.options ?? []).map((option) => [option.value, chosen.has(option.value)])
      )
    }
    case 'select':
    case 'radio': {
      const text = single(posted)
      if (!node.objectValue || text === '') return text
      const option = sources.options?.(node)?.find((candidate) => candidate.value === text)
      return option ? optionValue(node, option) : text
    }
    case 'datetime': {
      const text = single(posted).trim()
      const day = parseItalianDate(text)
      return day ? isoDate(day) : text
    }
    case 'day': {
      const text = single(posted).trim()
      const day = parseItalianDate(text)
      return day ? italianDate(day) : text
    }
    case 'file':
      return many(posted)
        .map((id) => sources.file?.(id))
        .filter((ref): ref is FileRef => !!ref)
    default:
      return single(posted).replace(/\r\n/g, '\n').trim()
  }
}
