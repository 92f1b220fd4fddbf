import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Pratica from '#models/pratica'
import type Service from '#models/service'
import Stamp from '#models/stamp'
import PaymentPosition from '#models/payment_position'
import { AWAITING_PAYMENT, PraticaStatus } from '#domain/pratica_status'
import { outcomeOf } from '#domain/payments/position_status'
import { amountOf } from '#domain/payments/form_amount'
import { changeStatus } from '#services/pratiche/change_status'
import { sentNow } from '#services/pratiche/submit_pratica'

/**
 * The payment step of a pratica at request is the pagoPA payments and the
 * marche da bollo the service asks before sending: the pratica leaves
 * "In attesa di pagamento" (→ 1520 → 1900) only when both are done,
 * whichever comes last (the payment's outcome or the last marca typed).
 */

/** The service's payments at request with what this pratica owes for each (0: nothing). */
export function atRequestItems(service: Service, pratica: Pick<Pratica, 'data'>) {
  return (service.paymentSettings?.atRequest ?? [])
    .map((item) => ({ item, amountCents: amountOf(item, pratica.data ?? {}) ?? 0 }))
    .filter(({ amountCents }) => amountCents > 0)
}

/** How many marche da bollo at request the citizen has entered. */
export async function enteredStampsAtRequest(
  praticaId: number,
  client?: TransactionClientContract
) {
  const entered = await Stamp.query({ client })
    .where('pratica_id', praticaId)
    .where('phase', 'at_request')
    .whereNotNull('entered_at')
  return entered.length
}

/** Whether every marca da bollo the service asks at request has been entered (none asked: yes). */
export async function stampsAtRequestEntered(
  trx: TransactionClientContract,
  praticaId: number,
  service: Service
) {
  const asked = service.stampSettings?.atRequest?.length ?? 0
  return asked === 0 || (await enteredStampsAtRequest(praticaId, trx)) >= asked
}

/** Whether the payments at request are paid: nothing owed, or the latest attempt all COMPLETE. */
async function paymentsAtRequestPaid(
  trx: TransactionClientContract,
  pratica: Pratica,
  service: Service
) {
  if (atRequestItems(service, pratica).length === 0) return true
  const positions = await PaymentPosition.query({ client: trx })
    .where('pratica_id', pratica.id)
    .where('phase', 'at_request')
    .select('status', 'attempt')
  if (positions.length === 0) return false
  const latest = Math.max(...positions.map((position) => position.attempt))
  const statuses = positions.filter((p) => p.attempt === latest).map((p) => p.status)
  return outcomeOf(statuses) === 'paid'
}

/**
 * Sends a pratica whose step at request is complete: 1500/1510 → 1520 →
 * 1900 with the sending dates (a pratica never sent before). In the caller's transaction, the pratica
 * row locked; nothing when a part is still missing or it already left.
 */
export async function sendWhenRequestStepComplete(
  trx: TransactionClientContract,
  praticaId: number,
  service: Service,
  message: string
) {
  const pratica = await Pratica.query({ client: trx })
    .where('id', praticaId)
    .forUpdate()
    .firstOrFail()
  // a pratica already sent waits at 1500 for a deferred payment or bolli at release
  if (!AWAITING_PAYMENT.includes(pratica.status) || pratica.submittedAt) return
  if (!(await stampsAtRequestEntered(trx, pratica.id, service))) return
  if (!(await paymentsAtRequestPaid(trx, pratica, service))) return
  const actor = { type: 'system' as const }
  await changeStatus(trx, pratica.id, PraticaStatus.PAYMENT_SUCCESS, { actor, message })
  await changeStatus(trx, pratica.id, PraticaStatus.PRE_SUBMIT, {
    actor,
    message: 'Pratica inviata dopo il pagamento',
    patch: sentNow(service),
  })
}
