import type Service from '#models/service'
import type { PaymentSettings } from '#domain/service_settings'
import {
  checkPaymentItem,
  paymentItemInput,
  type BilancioInput,
  type FieldErrors,
  type PaymentItemInput,
} from '#domain/payments/payment_item'
import { walk } from '#domain/forms/walker'
import { dottedPath } from '#domain/forms/data_paths'
import { currentFormVersion, definitionOf } from '#services/forms/form_versions'
import { saveServiceTab } from '#services/services/update_service'
import { taxonomyCodes } from '#services/payments/taxonomy'
import type { Acting } from '#services/operators/types'
import { listOf, moveAction } from '#services/payments/config_rows'

/**
 * The "Pagamenti" tab of a service: payments at request and deferred,
 * each with causale, importo (or the form field that calculates it), dati
 * specifici riscossione, Categoria and bilancio. The form adds and removes
 * payments and bilancio rows by posting back (no script needed), keeping
 * everything typed.
 */
export const PHASES = ['atRequest', 'deferred'] as const
export type Phase = (typeof PHASES)[number]
export type PaymentsInput = Record<Phase, PaymentItemInput[]>

export function paymentsInput(settings: PaymentSettings | null): PaymentsInput {
  return {
    atRequest: (settings?.atRequest ?? []).map(paymentItemInput),
    deferred: (settings?.deferred ?? []).map(paymentItemInput),
  }
}

/** What the form posted, as lists (a body parser may give objects keyed by index). */
export function readPaymentsInput(body: unknown): PaymentsInput {
  const posted = (body ?? {}) as Record<string, unknown>
  const phaseList = (phase: Phase) =>
    listOf<PaymentItemInput>(posted[phase]).map((item) => ({
      ...item,
      bilancio: listOf<BilancioInput>(item.bilancio),
    }))
  return { atRequest: phaseList('atRequest'), deferred: phaseList('deferred') }
}

const EMPTY_ROW = { id: '', codCapitolo: '', codUfficio: '', codAccertamento: '', importo: '' }

/**
 * Applies an "Aggiungi"/"Elimina" button: `aggiungi:deferred`,
 * `elimina:deferred:1`, `aggiungi-bilancio:atRequest:0`,
 * `elimina-bilancio:atRequest:0:2`. False for an unknown action.
 */
export function applyPaymentsAction(input: PaymentsInput, action: string): boolean {
  const [verb, phase, ...indexes] = action.split(':')
  if (!PHASES.includes(phase as Phase)) return false
  const items = input[phase as Phase]
  if (verb === 'aggiungi' || verb === 'elimina') {
    return moveAction(items, verb, indexes[0], () => ({ causale: '', importo: '', bilancio: [] }))
  }
  const item = items[Number(indexes[0])]
  if (!item || !['aggiungi-bilancio', 'elimina-bilancio'].includes(verb)) return false
  item.bilancio ??= []
  return moveAction(item.bilancio, verb.replace('-bilancio', ''), indexes[1], () => ({
    ...EMPTY_ROW,
  }))
}

/** Fields of the service's form that can hold a calculated amount (number, currency, hidden). */
export async function amountFieldChoices(service: Service) {
  const version = await currentFormVersion(service)
  if (!version) return []
  const choices: Array<{ value: string; label: string }> = []
  walk(definitionOf(version).definition, {}, (visit) => {
    if (visit.node.kind === 'grid') return false
    if (
      visit.node.kind === 'field' &&
      ['number', 'currency', 'hidden', 'textfield'].includes(visit.node.type) &&
      (visit.node.type !== 'textfield' || visit.node.calculate)
    ) {
      const path = dottedPath(visit.path)
      choices.push({ value: path, label: `${visit.node.label || visit.node.key} (${path})` })
    }
  })
  return choices
}

/** Checks every payment; errors keyed "deferred.0.bilancio.1.importo". */
export async function checkPayments(service: Service, input: PaymentsInput) {
  const [fields, codes] = await Promise.all([amountFieldChoices(service), taxonomyCodes()])
  const errors: FieldErrors = {}
  const settings: PaymentSettings = { atRequest: [], deferred: [] }
  for (const phase of PHASES) {
    input[phase].forEach((itemInput, index) => {
      const checked = checkPaymentItem(itemInput, {
        allowZero: phase === 'deferred',
        formFields: fields.map((field) => field.value),
        isTaxonomyCode: (code) => codes.has(code),
      })
      settings[phase].push(checked.item)
      for (const [key, message] of Object.entries(checked.errors)) {
        errors[`${phase}.${index}.${key}`] = message
      }
    })
  }
  return { settings, errors }
}

export async function savePaymentSettings(service: Service, settings: PaymentSettings, by: Acting) {
  await saveServiceTab(service, 'pagamenti', { paymentSettings: settings }, by)
}
