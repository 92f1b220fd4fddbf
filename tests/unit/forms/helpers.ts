import { importForm } from '#domain/forms/formio/import'
import { inlineBlocks, type FormioJson } from '#domain/forms/formio/library'
import { evaluateForm, type EngineContext } from '#domain/forms/evaluate'
import { readSubmission, type PostedFields } from '#domain/forms/read_submission'
import type { FormDefinition, FormValues } from '#domain/forms/types'
import { blockLibrary, readFormJson } from '#services/forms/block_library'

export const TODAY = { year: 2026, month: 3, date: 15 }
export const context: EngineContext = { today: TODAY }

/** A shipped form, its blocks inlined as a stored version has them, imported. */
export async function importShipped(path: string) {
  const library = await blockLibrary()
  return importForm(inlineBlocks(await readFormJson(path), library))
}

export function importInline(components: FormioJson[], extra: FormioJson = {}) {
  return importForm({ display: 'form', components, ...extra })
}

/** Post fields like a browser, then evaluate like the server. */
export function submit(
  definition: FormDefinition,
  fields: PostedFields,
  options: { steps?: number[] } = {}
) {
  return evaluateForm(definition, readSubmission(definition, fields), context, options)
}

export function evaluate(definition: FormDefinition, values: FormValues) {
  return evaluateForm(definition, values, context)
}

/** The only error of a one-field form given that value. */
export function errorFor(component: FormioJson, value: string | string[] | null) {
  const { definition } = importInline([component])
  return submit(definition, { [component.key]: value }).errors[component.key]
}
