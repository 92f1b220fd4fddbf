/**
 * Reusable blocks: Form.io forms that others nest with a `form` component
 * naming their `_id` (OpenCity's "Anagrafica", "Indirizzo"... and ours).
 * A block tagged `inline` gives its components to the parent form instead
 * of a nested level of data (e.g. Informativa privacy: `privacy` stays a
 * top-level key).
 */
export type FormioJson = Record<string, any>

export interface BlockLibrary {
  find(id: string): FormioJson | undefined
}

export function libraryOf(blocks: FormioJson[]): BlockLibrary {
  const byId = new Map<string, FormioJson>()
  for (const block of blocks) {
    if (typeof block._id === 'string') byId.set(block._id, block)
  }
  return { find: (id) => byId.get(id) }
}

export function isInlineBlock(block: FormioJson) {
  return Array.isArray(block.tags) && block.tags.includes('inline')
}

const MAX_DEPTH = 10

/**
 * The form with every nested `form` component carrying the components of
 * the block it names, recursively: a self-contained definition to store as
 * a form version, so later changes to a block never change a pratica's
 * form. Components whose block is missing stay as they are (the importer
 * reports them).
 */
export function inlineBlocks(schema: FormioJson, library: BlockLibrary): FormioJson {
  const visit = (component: FormioJson, depth: number): FormioJson => {
    const copy: FormioJson = { ...component }
    if (copy.type === 'form' && typeof copy.form === 'string' && !hasComponents(copy)) {
      const block = library.find(copy.form)
      if (block && depth < MAX_DEPTH) {
        copy.components = block.components ?? []
        copy.title ??= block.title
        if (isInlineBlock(block)) copy.tags = ['inline']
      }
    }
    for (const list of ['components'] as const) {
      if (Array.isArray(copy[list]))
        copy[list] = copy[list].map((child: FormioJson) => visit(child, depth + 1))
    }
    if (Array.isArray(copy.columns)) {
      copy.columns = copy.columns.map((column: FormioJson) => visit(column, depth + 1))
    }
    return copy
  }
  return visit(schema, 0)
}

function hasComponents(component: FormioJson) {
  return Array.isArray(component.components) && component.components.length > 0
}
