import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import Pratica from '#models/pratica'
import ServiceFormVersion from '#models/service_form_version'
import { evaluateForm } from '#domain/forms/evaluate'
import { PraticaStatus } from '#domain/pratica_status'
import { summarize, type SummarySection } from '#domain/forms/summary'
import type { FormErrors } from '#domain/forms/validate'
import type { FormValues } from '#domain/forms/types'
import { postForm, startForm, type FormPage } from '#services/forms/form_page'

/**
 * A pratica's form through the form engine, with the version the pratica
 * keeps: the page to show, a step posted (the draft's data and step are
 * saved at every "Avanti"/"Indietro", hidden fields never stored, the
 * uploads owned by the pratica), and the check before "Invia".
 */
export function uploadOwner(pratica: Pick<Pratica, 'id'>) {
  return `pratica:${pratica.id}`
}

export function formVersionOf(pratica: Pratica, client?: TransactionClientContract) {
  return ServiceFormVersion.query({ client })
    .where('ente_id', pratica.enteId)
    .where('id', pratica.formVersionId ?? 0)
    .firstOrFail()
}

/** The form as the draft left it, at its step. */
export async function draftPage(
  ente: Ente,
  pratica: Pratica,
  options: { identityNote?: boolean } = {}
): Promise<FormPage> {
  const page = await startForm(ente, await formVersionOf(pratica), {
    prefill: pratica.data,
    identityNote: options.identityNote,
  })
  const steps = page.definition.wizard ? page.definition.children.length : 1
  if (pratica.formStep > 0 && pratica.formStep < steps) page.step = pratica.formStep
  return page
}

/** The data a page would store: its visible fields only. */
export function storableData(page: FormPage): FormValues {
  return (
    page.complete?.data ??
    evaluateForm(page.definition, page.values, page.context, { validate: false }).data
  )
}

/**
 * A step posted: whatever was typed is kept (errors included: a draft is
 * a draft), with the step the page goes on to. Only while it is a draft:
 * `saved` is false when the pratica was sent meanwhile (another tab).
 */
export async function saveDraftStep(
  ente: Ente,
  pratica: Pratica,
  request: HttpContext['request']
): Promise<{ page: FormPage; saved: boolean }> {
  const version = await formVersionOf(pratica)
  const page = await postForm(ente, version, request, { owner: uploadOwner(pratica) })
  const data = storableData(page)
  const saved = await db.transaction(async (trx) => {
    const draft = await Pratica.query({ client: trx }).where('id', pratica.id).forUpdate().first()
    if (draft?.status !== PraticaStatus.DRAFT) return false
    await draft.merge({ data, formStep: page.step }).useTransaction(trx).save()
    return true
  })
  pratica.merge({ data, formStep: page.step })
  return { page, saved }
}

export interface DraftReview {
  /** what the pratica stores once sent */
  data: FormValues
  summary: SummarySection[]
  /** empty when the form may be sent */
  errors: FormErrors
  /** the first step with an error */
  step: number
}

/** The stored data checked as "Invia" checks it, with its Riepilogo. */
export async function reviewDraft(ente: Ente, pratica: Pratica): Promise<DraftReview> {
  const page = await startForm(ente, await formVersionOf(pratica), { prefill: pratica.data })
  const evaluation = evaluateForm(page.definition, page.values, page.context)
  const hidden = new Set(evaluation.hidden)
  let step = 0
  if (page.definition.wizard && Object.keys(evaluation.errors).length > 0) {
    const failing = page.definition.children.findIndex((panel, index) => {
      const checked = evaluateForm(page.definition, page.values, page.context, { steps: [index] })
      return !hidden.has(panel.uid) && Object.keys(checked.errors).length > 0
    })
    step = Math.max(failing, 0)
  }
  return {
    data: evaluation.data,
    summary: summarize(page.definition, evaluation.values, hidden, page.options),
    errors: evaluation.errors,
    step,
  }
}

/** The Riepilogo of a pratica's stored data (its visible fields, nothing checked). */
export async function praticaSummary(ente: Ente, pratica: Pratica): Promise<SummarySection[]> {
  const page = await startForm(ente, await formVersionOf(pratica), { prefill: pratica.data })
  return summarize(page.definition, page.values, page.hidden, page.options)
}
