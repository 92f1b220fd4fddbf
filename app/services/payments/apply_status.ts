import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Pratica from '#models/pratica'
import PaymentPosition from '#models/payment_position'
import type { PositionStatus } from '#extension_points/payment/contract'
import { canApply } from '#domain/payments/position_status'
import { followPayment } from '#services/payments/pratica_follows_payment'
import { sendPaymentSummary } from '#services/payments/payment_summary'

/** Where the news of a position came from (kept in the iter message and logs). */
export type StatusSource =
  'notification' | 'polling' | 'landing' | 'checkout' | 'creation' | 'operator'

/**
 * Applies what the intermediary says of a position: with the row locked,
 * only a change the rules allow (canApply) is written, so a notification
 * received twice, or a notification and a poll racing, change it once.
 * When it changes, the pratica follows (pratica_follows_payment.ts) and a
 * completed payment sends its summary e-mail, in the same transaction.
 * Answers whether the position changed.
 */
export async function applyRemoteStatus(
  positionId: number,
  remote: Pick<PositionStatus, 'status' | 'paidAt' | 'amountPaidCents' | 'receiptId'>,
  source: StatusSource,
  client?: TransactionClientContract
): Promise<boolean> {
  const work = async (trx: TransactionClientContract) => {
    // the pratica first, then the position: the order every writer locks them in, so a
    // notification naming two positions and a landing page checking one never deadlock
    const owner = await PaymentPosition.query({ client: trx })
      .where('id', positionId)
      .select('pratica_id')
      .first()
    if (owner?.praticaId) {
      await Pratica.query({ client: trx }).where('id', owner.praticaId).forUpdate().first()
    }
    const position = await PaymentPosition.query({ client: trx })
      .where('id', positionId)
      .forUpdate()
      .firstOrFail()
    if (!canApply(position.status, remote.status)) return false
    position.merge({ status: remote.status, version: position.version + 1 })
    if (remote.status === 'COMPLETE') {
      position.merge({
        paidAt: remote.paidAt ? DateTime.fromJSDate(remote.paidAt) : DateTime.now(),
        receipt: {
          ...position.receipt,
          receiptId: remote.receiptId ?? position.receipt?.receiptId,
          amountPaidCents: remote.amountPaidCents ?? position.amountCents,
          method: position.receipt?.method ?? 'PAGOPA',
        },
        nextCheckAt: null,
      })
    }
    await position.useTransaction(trx).save()
    if (remote.status === 'COMPLETE') await sendPaymentSummary(trx, position)
    await followPayment(trx, position, source)
    return true
  }
  return client ? work(client) : db.transaction(work)
}
