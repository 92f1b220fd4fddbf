import { PraticaStatus } from '#domain/pratica_status'
import { autoAssign } from '#services/backoffice/pratica/auto_assign'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const AUTO_ASSIGN_JOB = 'pratiche.auto_assign'

/** At Acquisita, the office of the service's "Assegnazione automatica" rule (auto_assign.ts). */
export async function autoAssignAcquired(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.SUBMITTED) return
  await autoAssign(event.payload.praticaId)
}
