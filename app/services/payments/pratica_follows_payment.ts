import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Pratica from '#models/pratica'
import Service from '#models/service'
import PaymentPosition from '#models/payment_position'
import { AWAITING_PAYMENT, PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'
import { outcomeOf } from '#domain/payments/position_status'
import { changeStatus, type StatusChange } from '#services/pratiche/change_status'
import { sendWhenRequestStepComplete } from '#services/payments/request_step'
import { releaseStampsEntered } from '#services/payments/stamps'
import { digitalStampPaid } from '#services/payments/digital_stamps'
import type { StatusSource } from '#services/payments/apply_status'

const SOURCE_WORDS: Record<StatusSource, string> = {
  notification: 'notifica dell’intermediario',
  polling: 'verifica presso l’intermediario',
  landing: 'ritorno dal pagamento',
  checkout: 'pagamento online avviato',
  creation: 'creazione della posizione',
  operator: 'operatore',
}

/**
 * The pratica follows the positions of its payment step, in the caller's
 * transaction (through changeStatus only):
 * - all positions of the attempt paid: 1500/1510 → 1520 → 1900 ("Inviata",
 *   with the sending dates) at request, → 7000 for a deferred payment; a
 *   payment arriving after "Pagamento rifiutato" is not lost: 1530 → 1500 → 1520 → ...;
 * - one position of the latest attempt failed, expired or cancelled: → 1530;
 * - one at the checkout: 1500 → 1510.
 * A paid marca da bollo digitale counts as its bollo entered (digital_stamps.ts).
 */
export async function followPayment(
  trx: TransactionClientContract,
  changed: PaymentPosition,
  source: StatusSource
) {
  if (!changed.praticaId || (!changed.phase && changed.type !== 'STAMP')) return
  const pratica = await Pratica.query({ client: trx })
    .where('id', changed.praticaId)
    .forUpdate()
    .first()
  if (!pratica) return
  // a marca da bollo digitale settles its bollo, not the payment step
  if (changed.type === 'STAMP') {
    if (changed.status === 'COMPLETE') await digitalStampPaid(trx, changed, pratica)
    return
  }
  const phase = changed.phase!
  const siblings = await PaymentPosition.query({ client: trx })
    .where('pratica_id', pratica.id)
    .where('phase', phase)
    .select('status', 'attempt')
  const latest = Math.max(...siblings.map((position) => position.attempt))
  const outcome = outcomeOf(
    siblings.filter((position) => position.attempt === changed.attempt).map((p) => p.status)
  )
  const change = (to: PraticaStatusCode, message: string, extra: Partial<StatusChange> = {}) =>
    changeStatus(trx, pratica.id, to, {
      actor: { type: 'system' },
      message: `${message} (${SOURCE_WORDS[source]})`,
      ...extra,
    })

  let status = pratica.status
  if (outcome === 'paid') {
    if (status === PraticaStatus.PAYMENT_ERROR) {
      await change(PraticaStatus.PAYMENT_PENDING, 'Pagamento ricevuto dopo l’esito negativo')
      status = PraticaStatus.PAYMENT_PENDING
    }
    if (!AWAITING_PAYMENT.includes(status)) return
    if (phase === 'at_request') {
      // sent now, or when the last marca da bollo at request is entered
      const service = await Service.query({ client: trx })
        .where('id', pratica.serviceId)
        .firstOrFail()
      await sendWhenRequestStepComplete(
        trx,
        pratica.id,
        service,
        `Pagamento completato (${SOURCE_WORDS[source]})`
      )
    } else {
      // bolli at release still missing: the last marca entered approves it
      if (!(await releaseStampsEntered(trx, pratica.id))) return
      await change(PraticaStatus.PAYMENT_SUCCESS, 'Pagamento completato')
      await change(PraticaStatus.COMPLETE, 'Pratica approvata dopo il pagamento')
    }
    return
  }
  if (changed.attempt !== latest || !AWAITING_PAYMENT.includes(status)) return
  if (outcome === 'failed') {
    await change(
      PraticaStatus.PAYMENT_ERROR,
      `Pagamento non riuscito: ${changed.statusLabel.toLowerCase()}`
    )
  } else if (outcome === 'started' && status === PraticaStatus.PAYMENT_PENDING) {
    await change(PraticaStatus.PAYMENT_OUTCOME_PENDING, 'Pagamento avviato')
  }
}
