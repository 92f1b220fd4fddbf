import { runCode, type Scope } from './expression/interpreter.js'
import { helperScope, type CalendarDay } from './expression/helpers.js'
import { formioView } from './formio_view.js'
import { getAt } from './data_paths.js'
import type { Visit } from './walker.js'
import type { FieldNode, Option } from './types.js'
import { builtInList } from './lists/index.js'

export interface EngineContext {
  /** today's date, where the form is filled (Europe/Rome on the server) */
  today: CalendarDay
  /** options of selects with a list or a platform source; undefined when not known */
  options?: (node: FieldNode) => Option[] | undefined
}

/** The options a select or radio is checked against: the context's, else its own or a built-in list. */
export function optionsFor(node: FieldNode, context: EngineContext): Option[] | undefined {
  return context.options?.(node) ?? node.options ?? (node.list ? builtInList(node.list) : undefined)
}

/** `data` (the nearest nested form's values, Form.io shaped) and `row` for a node's code. */
export function codeScope(
  visit: Visit,
  data: unknown,
  context: EngineContext,
  extra: Scope
): Scope {
  return {
    ...helperScope(context.today),
    data: formioView(visit.scope.nodes, getAt(data, visit.scope.path)),
    row: visit.row ? formioView(visit.row.nodes, getAt(data, visit.row.path)) : {},
    ...extra,
  }
}

/** Runs form code; a runtime error counts as "no result" (Form.io swallows them too). */
export function tryRun(code: string, scope: Scope) {
  try {
    return runCode(code, scope)
  } catch {
    return null
  }
}
