import type { FieldNode, FormDefinition, FormValues } from './types.js'
import { getAt, isEmptyValue, nameOf } from './data_paths.js'
import { walk, type Visit } from './walker.js'
import { codeScope, optionsFor, tryRun, type EngineContext } from './code_scope.js'
import { isEmptyFor, requiredMessage, valueProblem } from './rules/field_rules.js'
import { MESSAGES } from './rules/messages.js'

/** Errors by input name (the field's path joined by "/"). */
export type FormErrors = Record<string, string>

/**
 * Checks every visible field (of the given wizard steps, or all): the rules
 * of rules/field_rules.ts, then the form's own `validate.custom` code.
 * Hidden fields are never required.
 */
export function validateForm(
  definition: FormDefinition,
  data: FormValues,
  hidden: Set<string>,
  context: EngineContext,
  steps?: number[]
): FormErrors {
  const errors: FormErrors = {}
  walk(definition, data, (visit) => {
    if (hidden.has(visit.instance)) return false
    if (steps && !steps.includes(visit.step)) return false
    const node = visit.node
    const value = getAt(data, visit.path)
    if (node.kind === 'grid') {
      const rows = Array.isArray(value) ? value.length : 0
      if (node.minRows && rows < node.minRows)
        errors[nameOf(visit.path)] = MESSAGES.minRows(node.minRows)
      if (node.maxRows && rows > node.maxRows)
        errors[nameOf(visit.path)] = MESSAGES.maxRows(node.maxRows)
    }
    if (node.kind === 'address' && node.required && isEmptyValue(getAt(value, ['address']))) {
      errors[nameOf(visit.path)] = MESSAGES.required
    }
    if (node.kind !== 'field') return
    const problem = fieldProblem(node, value, visit, data, context)
    if (problem) errors[nameOf(visit.path)] = problem
  })
  return errors
}

function fieldProblem(
  node: FieldNode,
  value: unknown,
  visit: Visit,
  data: FormValues,
  context: EngineContext
) {
  const empty = isEmptyFor(node, value)
  if (empty && node.validate.required) return requiredMessage(node)
  if (!empty) {
    const problem = valueProblem(node, value, optionsFor(node, context))
    if (problem) return node.validate.customMessage ?? problem
  }
  return node.validate.custom ? customProblem(node, value, visit, data, context) : null
}

/** Form.io custom validation: `valid` ends true, or false, or a message. */
function customProblem(
  node: FieldNode,
  value: unknown,
  visit: Visit,
  data: FormValues,
  context: EngineContext
) {
  const input = value === null || value === undefined ? '' : value
  const result = tryRun(
    node.validate.custom!,
    codeScope(visit, data, context, { input, value: input, valid: true })
  )
  if (!result) return null
  const valid = result.interpreter.read('valid')
  if (valid === true) return null
  if (typeof valid === 'string' && valid) return valid
  return node.validate.customMessage ?? MESSAGES.custom
}
