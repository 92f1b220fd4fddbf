import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import Pratica from '#models/pratica'
import { PraticaStatus } from '#domain/pratica_status'
import { changeStatus, type Actor } from '#services/pratiche/change_status'
import { dueWindow } from '#services/payments/at_request'
import { latestAttemptPositions, requestPositions } from '#services/payments/positions'

/**
 * "Riprova" after "Pagamento rifiutato": 1530 → 1500 (DESIGN's edge) and,
 * in the same transaction, NEW positions for the next attempt, copies of
 * the failed attempt's (amount, causale, bilancio) with a new scadenza.
 * Twice at once: one succeeds, the other gets StaleStatusError.
 */
export async function retryPayment(ente: Ente, praticaId: number, actor: Actor) {
  await db.transaction(async (trx) => {
    await changeStatus(trx, praticaId, PraticaStatus.PAYMENT_PENDING, {
      actor,
      message: 'Nuovo tentativo di pagamento',
      expectedFrom: [PraticaStatus.PAYMENT_ERROR],
    })
    const pratica = await Pratica.query({ client: trx }).where('id', praticaId).firstOrFail()
    const failed = await latestAttemptPositions(praticaId, trx)
    const [first] = failed
    if (!first) return
    await requestPositions(trx, {
      ente,
      pluginId: first.pluginId,
      payer: first.payer,
      praticaId,
      citizenId: pratica.citizenId,
      phase: first.phase,
      attempt: first.attempt + 1,
      items: failed.map((position) => ({
        type: position.type,
        amountCents: position.amountCents,
        causale: position.causale,
        bilancio: position.bilancio,
        taxonomy: position.taxonomy,
        ...dueWindow(),
      })),
    })
  })
}
