import type { FieldNode, FormDefinition, FormNode, NestedNode } from './types.js'
import { getAt, type Path } from './data_paths.js'

/**
 * One occurrence of a node in the form as filled: a node inside a data
 * grid occurs once per row. `instance` identifies it (uid, plus the row
 * indexes); `path` is where its value sits in the data.
 */
export interface Visit {
  node: FormNode
  path: Path
  instance: string
  /** index of the wizard step (top-level panel) it belongs to */
  step: number
  /** the nearest nested form (`data` for its code) and where its data sits */
  scope: { nodes: FormNode[]; path: Path }
  /** the data grid row it sits in */
  row?: { nodes: FormNode[]; path: Path }
  /** instances of the container nodes above it */
  parents: string[]
}

/** Whether to go into a container node's children. */
type Visitor = (visit: Visit) => boolean | void

export function walk(definition: FormDefinition, data: unknown, visitor: Visitor) {
  const root = { nodes: definition.children, path: [] as Path }
  definition.children.forEach((node, index) =>
    visitNode(
      node,
      { path: [], rows: [], step: definition.wizard ? index : 0, scope: root, parents: [] },
      data,
      visitor
    )
  )
}

interface Context {
  path: Path
  rows: number[]
  step: number
  scope: Visit['scope']
  row?: Visit['row']
  parents: string[]
}

function visitNode(node: FormNode, context: Context, data: unknown, visitor: Visitor) {
  const ownPath = dataPath(node, context.path)
  const visit: Visit = {
    node,
    path: ownPath,
    instance: context.rows.length > 0 ? `${node.uid}@${context.rows.join('.')}` : node.uid,
    step: context.step,
    scope: context.scope,
    row: context.row,
    parents: context.parents,
  }
  if (visitor(visit) === false) return
  context = { ...context, parents: [...context.parents, visit.instance] }
  switch (node.kind) {
    case 'layout':
    case 'address':
      for (const child of node.children) {
        visitNode(
          child,
          { ...context, path: node.kind === 'address' ? [...ownPath, 'address'] : context.path },
          data,
          visitor
        )
      }
      return
    case 'nested': {
      const scope = node.isForm ? { nodes: node.children, path: ownPath } : context.scope
      for (const child of node.children)
        visitNode(child, { ...context, path: ownPath, scope }, data, visitor)
      return
    }
    case 'grid':
      rowCount(data, ownPath).forEach((index) => {
        const rowPath = [...ownPath, index]
        for (const child of node.children) {
          visitNode(
            child,
            {
              ...context,
              path: rowPath,
              rows: [...context.rows, index],
              row: { nodes: node.children, path: rowPath },
            },
            data,
            visitor
          )
        }
      })
  }
}

/** Where a node's value sits: fields, nested forms, grids and addresses have one; layout and content none. */
function dataPath(node: FormNode, parent: Path): Path {
  return node.kind === 'layout' || node.kind === 'content' ? parent : [...parent, node.key]
}

function rowCount(data: unknown, path: Path) {
  const rows = getAt(data, path)
  const count = Array.isArray(rows) ? rows.length : 0
  return Array.from({ length: count }, (_, index) => index)
}

export function isField(node: FormNode): node is FieldNode {
  return node.kind === 'field'
}

export function isNestedForm(node: FormNode): node is NestedNode {
  return node.kind === 'nested' && node.isForm
}
