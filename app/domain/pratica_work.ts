import {
  canTransition,
  MANUAL_CHANGE_TARGETS,
  PraticaStatus,
  type PraticaStatusCode,
} from '#domain/pratica_status'

/**
 * What an operator may do with a pratica in the backoffice, from its state
 * and who has it (the manual's "Gestione delle pratiche"): take charge of
 * a sent pratica nobody has, take over ("Subentra") one another operator
 * has, and decide (Approva, Rigetta) only one in their own charge. Pure:
 * the use cases in app/services/backoffice/pratica check the same rules
 * again on the locked row.
 */
export interface WorkState {
  status: PraticaStatusCode
  operatorId: number | null
  /** workflow "Inoltro": the external back office works it, here it is read-only */
  forwardedAt?: unknown
}

/** Sent and waiting for an operator. */
const WAITING: PraticaStatusCode[] = [PraticaStatus.SUBMITTED, PraticaStatus.REGISTERED]

/** Someone works it: In carico and the integration cycle. */
export const IN_WORK: PraticaStatusCode[] = [
  PraticaStatus.PENDING,
  PraticaStatus.REQUEST_INTEGRATION,
  PraticaStatus.DRAFT_FOR_INTEGRATION,
  PraticaStatus.SUBMITTED_AFTER_INTEGRATION,
  PraticaStatus.REGISTERED_AFTER_INTEGRATION,
  PraticaStatus.PENDING_AFTER_INTEGRATION,
]

/** Approva and Rigetta leave from these (OpenCity's edges to 6000-9000). */
export const DECIDABLE: PraticaStatusCode[] = [
  PraticaStatus.PENDING,
  PraticaStatus.PENDING_AFTER_INTEGRATION,
]

/** "Prendi in carico": sent, or In carico of nobody (its operator was removed). */
export function canTakeCharge(state: WorkState) {
  if (state.operatorId !== null || state.forwardedAt) return false
  return WAITING.includes(state.status) || state.status === PraticaStatus.PENDING
}

/** "Subentra a <operatore>": another operator has it and it is still open. */
export function canTakeOver(state: WorkState, userId: number) {
  return (
    !state.forwardedAt &&
    state.operatorId !== null &&
    state.operatorId !== userId &&
    [...WAITING, ...IN_WORK].includes(state.status)
  )
}

/** "Approva", "Rigetta": in the charge of this operator, at a state that can end. */
export function canDecide(state: WorkState, userId: number) {
  return !state.forwardedAt && state.operatorId === userId && DECIDABLE.includes(state.status)
}

/** The state "Prendi in carico", "Subentra" or an assignment to an operator leads to. */
export function stateWhenTaken(status: PraticaStatusCode): PraticaStatusCode {
  return WAITING.includes(status) ? PraticaStatus.PENDING : status
}

export type Outcome = 'approve' | 'reject'

/**
 * Where Approva and Rigetta go: Accettata / Rifiutata, or their "in
 * attesa di protocollazione del documento di esito" when the service
 * requires protocol (a job registers the document, then moves on).
 */
export function outcomeTarget(outcome: Outcome, protocolRequired: boolean): PraticaStatusCode {
  if (outcome === 'approve') {
    return protocolRequired ? PraticaStatus.COMPLETE_WAITING_REGISTRATION : PraticaStatus.COMPLETE
  }
  return protocolRequired ? PraticaStatus.CANCELLED_WAITING_REGISTRATION : PraticaStatus.CANCELLED
}

/** "Cambio stato": the manual targets the state machine allows from here. */
export function manualTargets(from: PraticaStatusCode): PraticaStatusCode[] {
  return MANUAL_CHANGE_TARGETS.filter((to) => to !== from && canTransition(from, to))
}

/**
 * "Assegnazione automatica" (the manual's EVO chapter): the office a
 * service's rule sends a pratica to, from the value the citizen chose in
 * a select or radio field of the form (`fieldKey` may be a dotted path);
 * null when the rule does not name the value.
 */
export function autoAssignedOffice(
  rule: { fieldKey: string; offices: Record<string, number> },
  data: Record<string, unknown>
): number | null {
  let value: unknown = data
  for (const key of rule.fieldKey.split('.')) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  }
  const values = Array.isArray(value) ? value : [value]
  for (const candidate of values) {
    if (candidate === null || candidate === undefined || typeof candidate === 'object') continue
    const office = rule.offices[String(candidate)]
    if (office) return office
  }
  return null
}
