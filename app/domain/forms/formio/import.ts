import type {
  AddressNode,
  Condition,
  FieldNode,
  FormDefinition,
  FormNode,
  ImportIssue,
  ImportReport,
} from '../types.js'
import { codeProblem, type CodeKind } from './code_checks.js'
import { fieldNode } from './fields.js'
import { isInlineBlock, type BlockLibrary, type FormioJson } from './library.js'

/**
 * Form.io JSON → the engine's definition, with a report of what it does
 * not do. Every component is either converted or listed in
 * `report.unsupported` by data path and type path: nothing disappears
 * silently. Nested `form` components take their components inline or from
 * the block library by `_id`.
 */
export interface ImportResult {
  definition: FormDefinition
  report: ImportReport
}

const FIELD_TYPES = new Set<string>([
  'textfield', 'textarea', 'email', 'phoneNumber', 'number', 'currency', 'datetime', 'day',
  'select', 'radio', 'selectboxes', 'checkbox', 'file', 'sdcfile', 'hidden', 'password',
]) // prettier-ignore
const LAYOUTS = new Set(['panel', 'fieldset', 'columns', 'well'])
const MAX_DEPTH = 12

export class Importer {
  readonly report: ImportReport = { unsupported: [], adapted: [] }
  #uid = 0

  constructor(private library?: BlockLibrary) {}

  import(schema: FormioJson): ImportResult {
    const children = this.components(schema.components ?? [], [], [], 0)
    const topPanels = children.filter(
      (child) => child.kind === 'layout' && child.layout === 'panel'
    )
    const wizard =
      schema.display === 'wizard' || (topPanels.length > 1 && topPanels.length === children.length)
    return {
      definition: { title: String(schema.title ?? ''), wizard, children },
      report: this.report,
    }
  }

  nextUid() {
    return `c${++this.#uid}`
  }

  issue(list: 'unsupported' | 'adapted', issue: ImportIssue) {
    this.report[list].push(issue)
  }

  components(list: FormioJson[], path: string[], types: string[], depth: number): FormNode[] {
    if (!Array.isArray(list)) return []
    return list.flatMap((component) => this.component(component, path, types, depth))
  }

  component(component: FormioJson, path: string[], types: string[], depth: number): FormNode[] {
    const type = String(component.type ?? '')
    const key = String(component.key ?? '')
    const where = (ownKey = true) => ({
      path: [...path, ...(ownKey && key ? [key] : [])].join('.') || key,
      type: [...types, type].join('/'),
    })
    if (depth > MAX_DEPTH) {
      this.issue('unsupported', {
        ...where(),
        feature: type,
        reason: 'annidamento troppo profondo',
      })
      return []
    }
    const base = {
      uid: this.nextUid(),
      key,
      type,
      label: String(component.label ?? ''),
      conditional: this.condition(component, where()),
    }
    const childTypes = [...types, type]

    if (LAYOUTS.has(type)) {
      const children =
        type === 'columns'
          ? (component.columns ?? []).map((column: FormioJson) => ({
              uid: this.nextUid(),
              key: String(column.key ?? 'column'),
              type: 'column',
              label: '',
              kind: 'layout' as const,
              layout: 'column' as const,
              width: Number(column.width) || undefined,
              children: this.components(column.components ?? [], path, childTypes, depth + 1),
            }))
          : this.components(component.components ?? [], path, childTypes, depth + 1)
      return [
        {
          ...base,
          kind: 'layout',
          layout: type as 'panel',
          title: String(component.title ?? component.legend ?? '') || undefined,
          children,
        },
      ]
    }
    if (type === 'form' || type === 'container') {
      return this.nested(component, base, path, childTypes, depth, where())
    }
    if (type === 'datagrid' || type === 'editgrid') {
      if (type === 'editgrid') {
        this.issue('adapted', {
          ...where(),
          feature: type,
          reason: 'reso come griglia dati (righe sempre modificabili)',
        })
      }
      return [
        {
          ...base,
          kind: 'grid',
          addLabel: String(component.addAnother || 'Aggiungi un altro'),
          minRows: Number(component.validate?.minLength) || 0,
          maxRows: Number(component.validate?.maxLength) || undefined,
          children: this.components(component.components ?? [], [], childTypes, depth + 1),
        },
      ]
    }
    if (type === 'address') return [this.address(component, base, path, childTypes, depth)]
    if (type === 'content' || type === 'htmlelement') {
      const tag = /^[a-z][a-z0-9]*$/i.test(component.tag ?? '') ? component.tag : 'p'
      const html =
        type === 'content'
          ? String(component.html ?? '')
          : `<${tag}>${component.content ?? ''}</${tag}>`
      return [{ ...base, kind: 'content', html }]
    }
    if (type === 'button') {
      this.issue('adapted', {
        ...where(),
        feature: type,
        reason: 'i pulsanti del modulo sono Avanti, Indietro e Invia',
      })
      return []
    }
    if (FIELD_TYPES.has(type)) {
      const field = fieldNode(this, component, base, where())
      return field ? [field] : []
    }
    this.issue('unsupported', {
      ...where(),
      feature: type || '(senza tipo)',
      reason: 'tipo di componente non supportato',
    })
    return []
  }

  nested(
    component: FormioJson,
    base: Omit<FieldNode, 'kind' | 'type' | 'validate'> & { type: string },
    path: string[],
    types: string[],
    depth: number,
    where: { path: string; type: string }
  ): FormNode[] {
    const isForm = component.type === 'form'
    let components: FormioJson[] | undefined = component.components
    let inline = Array.isArray(component.tags) && component.tags.includes('inline')
    if (isForm && !(Array.isArray(components) && components.length > 0)) {
      const block =
        typeof component.form === 'string' ? this.library?.find(component.form) : undefined
      if (!block) {
        this.issue('unsupported', {
          ...where,
          feature: 'form',
          reason: `modulo annidato «${component.form ?? ''}» non trovato`,
        })
        return []
      }
      components = block.components
      inline = isInlineBlock(block)
    }
    if (inline) {
      // the block's components join this level of data, under a wrapper that keeps its condition
      const children = this.components(components ?? [], path, types, depth + 1)
      return [{ ...base, kind: 'layout', layout: 'well', children }]
    }
    return [
      {
        ...base,
        kind: 'nested',
        isForm,
        title: component.title ? String(component.title) : undefined,
        children: this.components(components ?? [], [...path, base.key], types, depth + 1),
      },
    ]
  }

  address(
    component: FormioJson,
    base: { uid: string; key: string; type: string; label: string; conditional?: Condition },
    path: string[],
    types: string[],
    depth: number
  ): AddressNode {
    const where = { path: [...path, base.key].join('.'), type: [...types].join('/') }
    this.issue('adapted', {
      ...where,
      feature: 'address',
      reason: 'nessun servizio di geocodifica: indirizzo sempre inserito a mano (modalità manuale)',
    })
    if (component.calculateValue) {
      this.issue('unsupported', {
        ...where,
        feature: 'calculateValue',
        reason: 'valore calcolato di un indirizzo non supportato',
      })
    }
    const parts = (component.components ?? []).map((part: FormioJson) => {
      // their condition is Form.io's "manual mode", which is always on here
      return { ...part, customConditional: '' }
    })
    const children = this.components(parts, [], types, depth + 1).filter(
      (child): child is FieldNode => child.kind === 'field'
    )
    return {
      ...base,
      kind: 'address',
      description: component.description ? String(component.description) : undefined,
      required: component.validate?.required === true,
      children,
    }
  }

  condition(component: FormioJson, where: { path: string; type: string }): Condition | undefined {
    const conditional = component.conditional ?? {}
    const json = conditional.json
    if (json && (typeof json === 'object' || String(json).trim())) {
      try {
        return { kind: 'json', logic: typeof json === 'string' ? JSON.parse(json) : json }
      } catch {
        this.issue('unsupported', {
          ...where,
          feature: 'conditional.json',
          reason: 'JSON non valido',
        })
      }
    }
    if (
      conditional.when &&
      conditional.show !== '' &&
      conditional.show !== undefined &&
      conditional.show !== null
    ) {
      return {
        kind: 'simple',
        show: conditional.show === true || conditional.show === 'true',
        when: String(conditional.when),
        eq: String(conditional.eq ?? ''),
      }
    }
    const code = String(component.customConditional ?? '').trim()
    return code && this.code(code, 'conditional', where, 'customConditional')
      ? { kind: 'code', code }
      : undefined
  }

  /** Whether the code can run here; otherwise it is reported and the feature left out. */
  code(code: string, kind: CodeKind, where: { path: string; type: string }, feature: string) {
    const problem = codeProblem(code, kind)
    if (problem) this.issue('unsupported', { ...where, feature, reason: problem })
    return !problem
  }
}

export function importForm(schema: FormioJson, library?: BlockLibrary): ImportResult {
  return new Importer(library).import(schema)
}
