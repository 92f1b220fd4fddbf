import type { PaymentStatus } from '#extension_points/payment/contract'

/**
 * The life of a payment position (OpenCity's payment states) and what the
 * pratica waiting for it does. Pure rules: the services apply them.
 */
export type { PaymentStatus }

export const POSITION_STATUS_LABELS: Record<PaymentStatus, string> = {
  CREATION_PENDING: 'Creazione del pagamento in corso',
  CREATION_FAILED: 'Creazione di pagamento fallita',
  PAYMENT_PENDING: 'In attesa di pagamento',
  PAYMENT_STARTED: 'Pagamento avviato',
  PAYMENT_FAILED: 'Pagamento fallito',
  COMPLETE: 'Pagato',
  EXPIRED: 'Scaduto',
  CANCELED: 'Annullato',
}

/** Not yet at the intermediary: the creation job (re)tries these. */
export const CREATION_STATES: PaymentStatus[] = ['CREATION_PENDING', 'CREATION_FAILED']

/** At the intermediary and payable: polled until they end. */
export const PAYABLE_STATES: PaymentStatus[] = ['PAYMENT_PENDING', 'PAYMENT_STARTED']

/** Over without a payment: the pratica goes to "Pagamento rifiutato". */
export const UNPAID_END_STATES: PaymentStatus[] = ['PAYMENT_FAILED', 'EXPIRED', 'CANCELED']

/**
 * Whether news from the intermediary (a notification, a poll) may move a
 * position from `from` to `to`. A payment is never lost: COMPLETE is
 * accepted from any state and never left; the rest only moves forward.
 */
export function canApply(from: PaymentStatus, to: PaymentStatus): boolean {
  if (from === to || from === 'COMPLETE') return false
  if (to === 'COMPLETE') return true
  if (CREATION_STATES.includes(to)) return false
  if (from === 'EXPIRED' || from === 'CANCELED') return false
  // a failed attempt at the checkout can be tried again on the same position
  if (from === 'PAYMENT_FAILED')
    return to === 'PAYMENT_STARTED' || to === 'EXPIRED' || to === 'CANCELED'
  if (from === 'PAYMENT_STARTED' && to === 'PAYMENT_PENDING') return false
  return true
}

/** What the pratica waiting for a set of positions should become. */
export type PaymentOutcome = 'paid' | 'failed' | 'started' | 'waiting'

/**
 * The outcome of the positions of one attempt: paid when all are
 * complete, failed as soon as one can no longer be paid, started while
 * one is at the checkout.
 */
export function outcomeOf(statuses: PaymentStatus[]): PaymentOutcome {
  if (statuses.length > 0 && statuses.every((status) => status === 'COMPLETE')) return 'paid'
  if (statuses.some((status) => UNPAID_END_STATES.includes(status))) return 'failed'
  if (statuses.some((status) => status === 'PAYMENT_STARTED')) return 'started'
  return 'waiting'
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/**
 * Reconciliation back-off: 1 minute after the first check, doubling,
 * never less often than once a day.
 */
export function nextCheckDelayMs(checkAttempts: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, checkAttempts), DAY)
}

/**
 * The idempotency key of the `item`-th payment (0-based) of a pratica's
 * phase, try `attempt` (a new try after "Riprova" is a new position).
 */
export function positionKey(praticaId: number, phase: string, item: number, attempt: number) {
  const base =
    phase === 'at_request'
      ? `pratica:${praticaId}:payment:${item + 1}`
      : `pratica:${praticaId}:${phase}:${item + 1}`
  return attempt === 1 ? base : `${base}:tentativo:${attempt}`
}
