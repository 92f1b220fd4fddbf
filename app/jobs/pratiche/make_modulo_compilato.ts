import { PraticaStatus } from '#domain/pratica_status'
import { ensureModuloCompilato } from '#services/pratiche/documents'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const MODULO_COMPILATO_JOB = 'pratiche.modulo_compilato'

/** The modulo compilato PDF of a pratica just sent (made once, see documents.ts). */
export async function makeModuloCompilato(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.PRE_SUBMIT) return
  await ensureModuloCompilato(event.payload.praticaId)
}
