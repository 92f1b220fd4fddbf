import { PraticaStatus } from '#domain/pratica_status'
import { sendReceipt } from '#services/pratiche/receipt'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const SEND_RECEIPT_JOB = 'pratiche.receipt'

/** "La tua richiesta ... è stata ricevuta": message and e-mail, once (see receipt.ts). */
export async function sendPraticaReceipt(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.PRE_SUBMIT) return
  await sendReceipt(event.payload.praticaId)
}
