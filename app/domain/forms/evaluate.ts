import type { FormDefinition, FormNode, FormValues } from './types.js'
import { deepClone, getAt, setAt, type Path } from './data_paths.js'
import { walk } from './walker.js'
import { applyCalculations } from './calculate.js'
import { hiddenInstances } from './visibility.js'
import { validateForm, type FormErrors } from './validate.js'
import type { EngineContext } from './code_scope.js'

export type { EngineContext }

/**
 * The one entry point server and browser share: computed values, then
 * what is hidden, then (unless told not to) the errors.
 *
 * - `values`: everything, hidden fields included, to show the form again
 *   exactly as it was filled;
 * - `data`: what is stored: visible fields only, in OpenCity's shape;
 * - `hidden`: node instances to hide; `errors`: by input name.
 */
export interface Evaluation {
  values: FormValues
  data: FormValues
  hidden: string[]
  errors: FormErrors
}

export function evaluateForm(
  definition: FormDefinition,
  input: FormValues,
  context: EngineContext,
  options: { validate?: boolean; steps?: number[] } = {}
): Evaluation {
  const values = deepClone(input) ?? {}
  applyCalculations(definition, values, context)
  const hidden = hiddenInstances(definition, values, context)
  const errors =
    options.validate === false
      ? {}
      : validateForm(definition, values, hidden, context, options.steps)
  return { values, data: storedData(definition, values, hidden), hidden: [...hidden], errors }
}

/** The data of the visible nodes only. */
export function storedData(
  definition: FormDefinition,
  values: FormValues,
  hidden: Set<string>
): FormValues {
  const data: FormValues = {}
  walk(definition, values, (visit) => {
    if (hidden.has(visit.instance)) return false
    const node: FormNode = visit.node
    if (node.kind === 'nested') setAt(data, visit.path, {})
    if (node.kind === 'grid') setAt(data, visit.path, [])
    if (node.kind === 'address') {
      setAt(data, visit.path, { mode: 'manual', address: {} })
    }
    if (node.kind === 'field') setAt(data, visit.path, copyOf(getAt(values, visit.path)))
  })
  return data
}

function copyOf(value: unknown) {
  return value === undefined ? null : deepClone(value)
}

/** Starting values: each field's default, and the minimum rows of each data grid (at least one). */
export function initialValues(definition: FormDefinition, prefill: FormValues = {}): FormValues {
  const values: FormValues = deepClone(prefill)
  const fill = (nodes: FormNode[], path: Path) => {
    for (const node of nodes) {
      if (node.kind === 'layout') fill(node.children, path)
      if (node.kind === 'nested') fill(node.children, [...path, node.key])
      if (node.kind === 'address') fill(node.children, [...path, node.key, 'address'])
      if (
        node.kind === 'field' &&
        node.defaultValue !== undefined &&
        getAt(values, [...path, node.key]) === undefined
      ) {
        setAt(values, [...path, node.key], deepClone(node.defaultValue))
      }
      if (node.kind === 'grid' && getAt(values, [...path, node.key]) === undefined) {
        const rows = Math.max(node.minRows, 1)
        setAt(values, [...path, node.key], [])
        for (let index = 0; index < rows; index++) {
          setAt(values, [...path, node.key, index], {})
          fill(node.children, [...path, node.key, index])
        }
      }
    }
  }
  fill(definition.children, [])
  return values
}
