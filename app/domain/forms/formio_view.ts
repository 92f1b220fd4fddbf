import type { FormNode } from './types.js'
import { deepClone } from './data_paths.js'

/**
 * The data as Form.io code expects it: a nested form's values under
 * `<key>.data` (OpenCity's code reads `data.completename.data.name`). A
 * fresh copy each time, so code assigning to `data.x` changes nothing.
 */
export function formioView(nodes: FormNode[], data: unknown): Record<string, unknown> {
  const source = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>
  const view: Record<string, unknown> = {}
  const visit = (node: FormNode) => {
    switch (node.kind) {
      case 'layout':
        node.children.forEach(visit)
        return
      case 'content':
        return
      case 'nested': {
        const inner = formioView(node.children, source[node.key])
        view[node.key] = node.isForm ? { data: inner } : inner
        return
      }
      case 'grid': {
        const rows = Array.isArray(source[node.key]) ? (source[node.key] as unknown[]) : []
        view[node.key] = rows.map((row) => formioView(node.children, row))
        return
      }
      default:
        if (Object.hasOwn(source, node.key)) view[node.key] = deepClone(source[node.key])
    }
  }
  nodes.forEach(visit)
  // values of keys the definition does not know (e.g. prefilled extras) stay readable
  for (const [key, value] of Object.entries(source)) {
    if (!(key in view)) view[key] = deepClone(value)
  }
  return view
}
