import { PraticaStatus } from '#domain/pratica_status'
import { forwardPratica } from '#services/backoffice/forward/forward_pratica'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const FORWARD_PRATICA_JOB = 'pratiche.forward'

/** Workflow "Inoltro": an acquired pratica is forwarded (forward_pratica.ts). */
export async function forwardAcquired(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.SUBMITTED) return
  await forwardPratica(event.payload.praticaId)
}
