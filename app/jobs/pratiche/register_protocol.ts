import { PraticaStatus } from '#domain/pratica_status'
import { registerPraticaProtocol } from '#services/pratiche/protocol_registration'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const REGISTER_PROTOCOL_JOB = 'pratiche.protocol'

/**
 * Acquisita → Protocollata when the service requires protocol (see
 * protocol_registration.ts). A register that is down, or no protocol
 * plugin enabled, makes the job fail and retry: the pratica waits,
 * Acquisita, and after the last attempt the job is listed at /admin/jobs.
 */
export async function registerProtocol(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.SUBMITTED) return
  await registerPraticaProtocol(event.payload.praticaId)
}
