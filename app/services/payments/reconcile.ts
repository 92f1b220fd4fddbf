import { DateTime } from 'luxon'
import Ente from '#models/ente'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import {
  nextCheckDelayMs,
  PAYABLE_STATES,
  type PaymentStatus,
} from '#domain/payments/position_status'
import { describeError } from '#queue/retry_policy'
import { queue } from '#queue/queue'
import { applyRemoteStatus, type StatusSource } from '#services/payments/apply_status'

export const CHECK_POSITION_JOB = 'payments.check_position'

/** Still waiting for news: a failed checkout can be tried again on the same position. */
const POLLED_STATES: PaymentStatus[] = [...PAYABLE_STATES, 'PAYMENT_FAILED']

/**
 * Asks the intermediary for the state of a position now (getStatus) and
 * applies it: the landing page and the reconciliation job converge on the
 * state a notification brings, whichever comes first. Answers whether the
 * position changed; the intermediary's failures are thrown.
 */
export async function refreshPosition(position: PaymentPosition, source: StatusSource) {
  const ref = position.ref
  if (!ref) return false
  const ente = await Ente.findOrFail(position.enteId)
  const { adapter } = await paymentManager.forEnte(ente, position.pluginId)
  const remote = await adapter.getStatus(ref)
  await PaymentPosition.query()
    .where('id', position.id)
    .update({ last_checked_at: new Date(), last_error: null })
  return applyRemoteStatus(position.id, remote, source)
}

/**
 * The next reconciliation check of a position: 1 minute after the first,
 * doubling, at least once a day (nextCheckDelayMs). The job key names the
 * check, so scheduling it twice queues it once.
 */
export async function schedulePositionCheck(position: PaymentPosition) {
  const delayMs = nextCheckDelayMs(position.checkAttempts)
  await PaymentPosition.query()
    .where('id', position.id)
    .update({ next_check_at: DateTime.now().plus({ milliseconds: delayMs }).toJSDate() })
  await queue.dispatch(
    CHECK_POSITION_JOB,
    { positionId: position.id },
    { key: `payments.check:${position.id}:${position.checkAttempts}`, delayMs }
  )
}

/**
 * One reconciliation check (the job): the remote's state, or, past the
 * position's expiry with no payment, EXPIRED (the pratica then goes to
 * "Pagamento rifiutato"). While it is open the next check is scheduled,
 * even when the intermediary is down (the error is kept for the admin page).
 */
export async function reconcilePosition(positionId: number) {
  let position = await PaymentPosition.find(positionId)
  if (!position || !POLLED_STATES.includes(position.status)) return
  try {
    await refreshPosition(position, 'polling')
  } catch (error) {
    await PaymentPosition.query()
      .where('id', positionId)
      .update({ last_error: describeError(error), last_checked_at: new Date() })
  }
  position = await PaymentPosition.findOrFail(positionId)
  if (!POLLED_STATES.includes(position.status)) return
  if (position.expiresAt && position.expiresAt < DateTime.now()) {
    await applyRemoteStatus(position.id, { status: 'EXPIRED' }, 'polling')
    return
  }
  position.checkAttempts += 1
  await PaymentPosition.query()
    .where('id', positionId)
    .update({ check_attempts: position.checkAttempts })
  await schedulePositionCheck(position)
}
