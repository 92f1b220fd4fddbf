import { PraticaStatus } from '#domain/pratica_status'
import { registerOutcomeProtocol } from '#services/backoffice/pratica/outcome_protocol'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const REGISTER_OUTCOME_JOB = 'pratiche.protocol_outcome'

const WAITING_REGISTRATION: number[] = [
  PraticaStatus.COMPLETE_WAITING_REGISTRATION,
  PraticaStatus.CANCELLED_WAITING_REGISTRATION,
]

/** 6000 → 7000 and 8000 → 9000 once the response document is protocolled (outcome_protocol.ts). */
export async function registerOutcome(event: StatusChanged) {
  if (!WAITING_REGISTRATION.includes(event.payload.to)) return
  await registerOutcomeProtocol(event.payload.praticaId)
}
