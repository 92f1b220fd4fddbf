import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import type Ente from '#models/ente'
import type Upload from '#models/upload'
import type ServiceFormVersion from '#models/service_form_version'
import type { FileRules, FormDefinition, FormValues, ImportReport } from '#domain/forms/types'
import { evaluateForm, initialValues, type EngineContext } from '#domain/forms/evaluate'
import { readSubmission, type PostedFields } from '#domain/forms/read_submission'
import { getAt, nameOf, setAt, type Path } from '#domain/forms/data_paths'
import { walk } from '#domain/forms/walker'
import { summarize, type SummarySection } from '#domain/forms/summary'
import type { FormErrors } from '#domain/forms/validate'
import { definitionOf } from '#services/forms/form_versions'
import { loadFormOptions, type OptionsOf } from '#services/forms/form_options'
import {
  acceptUpload,
  draftOwner,
  newDraftToken,
  removeUpload,
  uploadsOf,
} from '#services/forms/uploads'

/**
 * One form being filled, page after page: what the form controller shows
 * and what it does with a POST. Without JavaScript every button is a
 * submit: "Avanti" validates the current step, "Indietro" goes back
 * without checks, "Aggiungi un altro" adds a grid row, "Rimuovi" removes a
 * row or an upload, "Invia" validates everything. New files arrive with
 * the POST (multipart), are checked and stored, and stay attached to the
 * draft token carried by the page.
 */
export interface FormPage {
  version: ServiceFormVersion
  definition: FormDefinition
  report: ImportReport
  options: OptionsOf
  context: EngineContext
  draftToken: string
  values: FormValues
  hidden: Set<string>
  errors: FormErrors
  step: number
  /** show "Abbiamo compilato il tuo profilo utilizzando i dati di SPID o di CIE" */
  identityNote: boolean
  /** set once "Invia" found no error: the data to store and its Riepilogo */
  complete?: { data: FormValues; summary: SummarySection[] }
}

/** The input name of a file field's chooser, next to its kept uploads. */
export function newFilesName(name: string) {
  return `upload:${name}`
}

export function engineContext(): EngineContext {
  const today = DateTime.now().setZone('Europe/Rome')
  return { today: { year: today.year, month: today.month, date: today.day } }
}

async function basics(ente: Ente, version: ServiceFormVersion) {
  const { definition, report } = definitionOf(version)
  const options = await loadFormOptions(ente, definition)
  const context = { ...engineContext(), options }
  return { definition, report, options, context }
}

export async function startForm(
  ente: Ente,
  version: ServiceFormVersion,
  options: { prefill?: FormValues; identityNote?: boolean } = {}
): Promise<FormPage> {
  const base = await basics(ente, version)
  const evaluation = evaluateForm(
    base.definition,
    initialValues(base.definition, options.prefill),
    base.context,
    {
      validate: false,
    }
  )
  return {
    version,
    ...base,
    draftToken: newDraftToken(),
    values: evaluation.values,
    hidden: new Set(evaluation.hidden),
    errors: {},
    identityNote: options.identityNote === true,
    step: firstVisibleStep(base.definition, new Set(evaluation.hidden), 0, 1),
  }
}

type Action =
  | { kind: 'next' | 'prev' | 'submit' }
  | { kind: 'add_row'; grid: string }
  | { kind: 'remove_row'; grid: string; index: number }
  | { kind: 'remove_upload'; id: string }

function parseAction(raw: unknown): Action {
  const [kind, ...rest] = String(raw ?? 'submit').split(':')
  if (kind === 'add_row') return { kind, grid: rest.join(':') }
  if (kind === 'remove_row')
    return { kind, grid: rest.slice(0, -1).join(':'), index: Number(rest[rest.length - 1]) }
  if (kind === 'remove_upload') return { kind, id: rest.join(':') }
  return { kind: kind === 'next' || kind === 'prev' ? kind : 'submit' }
}

/**
 * `owner`: whose uploads the form keeps (e.g. "pratica:42" for a saved
 * draft); by default the draft token the page carries.
 */
export async function postForm(
  ente: Ente,
  version: ServiceFormVersion,
  request: HttpContext['request'],
  options: { owner?: string } = {}
) {
  const base = await basics(ente, version)
  const { definition, context } = base
  const token = draftOwner(request.input('_draft'))
    ? String(request.input('_draft'))
    : newDraftToken()
  const owner = options.owner ?? draftOwner(token)!
  const action = parseAction(request.input('_action'))
  const fields: PostedFields = { ...request.body() }
  const kept = await uploadsOf(ente, owner)
  const uploads = new Map<string, Upload>(kept.map((upload) => [upload.id, upload]))
  const uploadErrors: FormErrors = {}

  if (action.kind === 'remove_upload' && (await removeUpload(ente, owner, action.id)))
    uploads.delete(action.id)
  await receiveFiles(ente, owner, definition, request, fields, uploads, uploadErrors)

  const values = readSubmission(definition, fields, {
    options: base.options,
    file: (id) => uploads.get(id)?.toRef(),
  })
  if (action.kind === 'add_row') changeRows(values, action.grid, (rows) => rows.push({}))
  if (action.kind === 'remove_row')
    changeRows(values, action.grid, (rows) => rows.splice(action.index, 1))

  let step = Math.max(0, Math.min(Number(request.input('_step')) || 0, stepCount(definition) - 1))
  const checks =
    action.kind === 'next' ? { steps: [step] } : action.kind === 'submit' ? {} : { validate: false }
  const evaluation = evaluateForm(definition, values, context, checks)
  const hidden = new Set(evaluation.hidden)
  const errors = { ...evaluation.errors, ...uploadErrors }
  const page: FormPage = {
    version,
    ...base,
    identityNote: request.input('_identity_note') === '1',
    draftToken: token,
    values: evaluation.values,
    hidden,
    errors,
    step,
  }

  if (Object.keys(errors).length > 0) {
    page.step = firstStepWithError(definition, evaluation.values, errors) ?? step
  } else if (action.kind === 'next') {
    page.step = firstVisibleStep(definition, hidden, step + 1, 1)
  } else if (action.kind === 'prev') {
    page.step = firstVisibleStep(definition, hidden, step - 1, -1)
  } else if (action.kind === 'submit') {
    page.complete = {
      data: evaluation.data,
      summary: summarize(definition, evaluation.values, hidden, base.options),
    }
  }
  return page
}

/** New files of the visible file fields: stored when accepted, their id added to the field. */
async function receiveFiles(
  ente: Ente,
  owner: string,
  definition: FormDefinition,
  request: HttpContext['request'],
  fields: PostedFields,
  uploads: Map<string, Upload>,
  errors: FormErrors
) {
  const provisional = readSubmission(definition, fields)
  const targets: Array<{ name: string; rules: FileRules }> = []
  walk(definition, provisional, (visit) => {
    if (visit.node.kind === 'field' && visit.node.file)
      targets.push({ name: nameOf(visit.path), rules: visit.node.file })
  })
  for (const { name, rules } of targets) {
    for (const file of request.files(newFilesName(name))) {
      const { upload, error } = await acceptUpload(ente, owner, name, rules, file)
      if (!upload) {
        errors[name] = error
        continue
      }
      uploads.set(upload.id, upload)
      const kept = fields[name]
      const ids = Array.isArray(kept) ? kept : kept ? [kept] : []
      fields[name] = rules.multiple ? [...ids, upload.id] : [upload.id]
    }
  }
}

function changeRows(values: FormValues, grid: string, change: (rows: unknown[]) => void) {
  const path: Path = grid
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment))
  const rows = getAt(values, path)
  if (Array.isArray(rows)) change(rows)
  else setAt(values, path, [{}])
}

function stepCount(definition: FormDefinition) {
  return definition.wizard ? definition.children.length : 1
}

function firstVisibleStep(
  definition: FormDefinition,
  hidden: Set<string>,
  from: number,
  direction: 1 | -1
) {
  if (!definition.wizard) return 0
  for (let step = from; step >= 0 && step < definition.children.length; step += direction) {
    if (!hidden.has(definition.children[step].uid)) return step
  }
  return Math.max(0, Math.min(from - direction, definition.children.length - 1))
}

function firstStepWithError(definition: FormDefinition, values: FormValues, errors: FormErrors) {
  let found: number | undefined
  walk(definition, values, (visit) => {
    if (found === undefined && errors[nameOf(visit.path)] && visit.node.kind !== 'layout')
      found = visit.step
  })
  return found
}
