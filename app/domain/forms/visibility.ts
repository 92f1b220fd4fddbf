import type { Condition, FormDefinition } from './types.js'
import { getAt } from './data_paths.js'
import { walk, type Visit } from './walker.js'
import { codeScope, tryRun, type EngineContext } from './code_scope.js'
import { applyLogic } from './json_logic.js'

/**
 * Which node instances are hidden: by their own condition or because a
 * container above them is. Hidden fields are neither validated nor stored.
 */
export function hiddenInstances(definition: FormDefinition, data: unknown, context: EngineContext) {
  const hidden = new Set<string>()
  // the walker visits a container before its children
  walk(definition, data, (visit) => {
    const insideHidden = visit.parents.some((instance) => hidden.has(instance))
    if (insideHidden || !shown(visit.node.conditional, visit, data, context)) {
      hidden.add(visit.instance)
    }
  })
  return hidden
}

export function shown(
  condition: Condition | undefined,
  visit: Visit,
  data: unknown,
  context: EngineContext
): boolean {
  if (!condition) return true
  switch (condition.kind) {
    case 'simple': {
      const matches = valueMatches(lookUp(condition.when, visit, data), condition.eq)
      return condition.show ? matches : !matches
    }
    case 'json': {
      const scope = codeScope(visit, data, context, {})
      return Boolean(applyLogic(condition.logic, { data: scope.data, row: scope.row }))
    }
    case 'code': {
      const result = tryRun(condition.code, codeScope(visit, data, context, { show: true }))
      return result ? Boolean(result.interpreter.read('show')) : true
    }
  }
}

/** The value a condition's `when` names: in the row, then the nested form, then the whole form. */
function lookUp(when: string, visit: Visit, data: unknown): unknown {
  const segments = when.split('.').filter((segment) => segment && segment !== 'data')
  for (const base of [visit.row?.path, visit.scope.path, []]) {
    if (!base) continue
    const value = getAt(data, [...base, ...segments])
    if (value !== undefined) return value
  }
  return undefined
}

function valueMatches(value: unknown, eq: string) {
  if (Array.isArray(value)) return value.map(String).includes(eq)
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    return record[eq] === true || String(record.id ?? record.value ?? '') === eq
  }
  return String(value ?? '') === eq
}
