import type { FormDefinition, FormValues } from './types.js'
import { getAt, setAt } from './data_paths.js'
import { walk } from './walker.js'
import { codeScope, tryRun, type EngineContext } from './code_scope.js'

/**
 * Form.io `calculateValue`: the code sets `value` (or, as OpenCity's
 * bookings form does, assigns `data.<its own key>`). Runs in form order,
 * twice, so a value computed from another computed value settles.
 */
export function applyCalculations(
  definition: FormDefinition,
  data: FormValues,
  context: EngineContext
) {
  for (let pass = 0; pass < 2; pass++) {
    walk(definition, data, (visit) => {
      const node = visit.node
      if (node.kind !== 'field' || !node.calculate) return
      const current = getAt(data, visit.path)
      const scope = codeScope(visit, data, context, { value: current })
      const result = tryRun(node.calculate, scope)
      if (!result) return
      const { interpreter, returned } = result
      let value = interpreter.assigned('value') ? interpreter.read('value') : returned
      if (value === undefined) value = (scope.data as Record<string, unknown>)[node.key]
      if (value !== undefined && value !== current) setAt(data, visit.path, normalise(value))
    })
  }
}

/** Computed values are stored as JSON: NaN and Infinity become null. */
function normalise(value: unknown) {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value
}
