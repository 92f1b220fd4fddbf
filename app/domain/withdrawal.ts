import { canTransition, PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'
import type { Workflow } from '#domain/service_settings'

/**
 * "Ritira pratica": the manual's five cases where a pratica cannot be
 * withdrawn, checked in its order, plus the state machine (only states
 * with an edge to Ritirata). The button shows only when this answers null,
 * and the server asks it again before withdrawing.
 */
export type WithdrawalRefusal =
  | 'not_configured'
  | 'has_payment'
  | 'not_applicant'
  | 'forwarded_and_acquired'
  | 'awaiting_protocol'
  | 'state'

export const WITHDRAWAL_REFUSALS: Record<WithdrawalRefusal, string> = {
  not_configured: 'Il ritiro non è previsto per questo servizio.',
  has_payment: 'La pratica ha un pagamento: non può essere ritirata.',
  not_applicant: 'Solo il richiedente può ritirare la pratica.',
  forwarded_and_acquired:
    'La pratica è già stata acquisita dal sistema che la gestisce: non può essere ritirata.',
  awaiting_protocol:
    'La pratica è in attesa di protocollazione: potrai ritirarla appena sarà protocollata.',
  state: 'La pratica, nel suo stato attuale, non può essere ritirata.',
}

export interface WithdrawalInput {
  status: PraticaStatusCode
  service: { allowWithdrawal: boolean; workflow: Workflow; protocolRequired: boolean }
  /** any payment position or bollo of the pratica */
  hasPayment: boolean
  /** the person asking is the pratica's applicant */
  isApplicant: boolean
}

export function withdrawalRefusal(input: WithdrawalInput): WithdrawalRefusal | null {
  if (!input.service.allowWithdrawal) return 'not_configured'
  if (input.hasPayment) return 'has_payment'
  if (!input.isApplicant) return 'not_applicant'
  if (input.service.workflow === 'forward' && input.status !== PraticaStatus.PRE_SUBMIT) {
    return 'forwarded_and_acquired'
  }
  if (input.service.protocolRequired && input.status === PraticaStatus.PRE_SUBMIT) {
    return 'awaiting_protocol'
  }
  if (!canTransition(input.status, PraticaStatus.WITHDRAWN)) return 'state'
  return null
}
