import Pratica from '#models/pratica'
import { PraticaStatus } from '#domain/pratica_status'
import { runOnce } from '#queue/run_once'
import { changeStatus } from '#services/pratiche/change_status'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const ACQUIRE_PRATICA_JOB = 'pratiche.acquire'

/**
 * Inviata → Acquisita, right after the submission, by the system. Once
 * per pratica; a pratica withdrawn before the job ran stays Ritirata.
 */
export async function acquirePratica(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.PRE_SUBMIT) return
  const praticaId = event.payload.praticaId
  await runOnce(`pratica:${praticaId}:acquire`, async (trx) => {
    const pratica = await Pratica.query({ client: trx }).where('id', praticaId).forUpdate().first()
    if (pratica?.status !== PraticaStatus.PRE_SUBMIT) return
    await changeStatus(trx, praticaId, PraticaStatus.SUBMITTED, {
      actor: { type: 'system' },
      expectedFrom: [PraticaStatus.PRE_SUBMIT],
    })
  })
}
