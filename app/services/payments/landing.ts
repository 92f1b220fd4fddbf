import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import type Ente from '#models/ente'
import Pratica from '#models/pratica'
import { outcomeOf, PAYABLE_STATES, type PaymentOutcome } from '#domain/payments/position_status'
import { PraticaStatus } from '#domain/pratica_status'
import { latestAttemptPositions } from '#services/payments/positions'
import { refreshPosition } from '#services/payments/reconcile'

/** The intermediary is asked at most this often per position by a waiting landing page. */
const MIN_CHECK_INTERVAL_MS = 2_000

export interface LandingState {
  outcome: PaymentOutcome
  /** nothing more to wait for: the page stops polling */
  done: boolean
  status: number
  label: string
}

/**
 * Back from the checkout (or after an app restart, or hours later): the
 * positions still open are checked at the intermediary now, so the page
 * concludes even when no notification came; the pratica follows through
 * applyRemoteStatus, as with a notification or the reconciliation job.
 */
export async function landingState(ente: Ente, pratica: Pratica): Promise<LandingState> {
  const positions = await latestAttemptPositions(pratica.id)
  const stale = DateTime.now().minus({ milliseconds: MIN_CHECK_INTERVAL_MS })
  for (const position of positions) {
    if (!PAYABLE_STATES.includes(position.status)) continue
    if (position.lastCheckedAt && position.lastCheckedAt > stale) continue
    await refreshPosition(position, 'landing').catch((error) =>
      logger.warn(
        { err: error, ente: ente.slug, position: position.uuid },
        'landing: status unknown'
      )
    )
  }
  const current = await Pratica.findOrFail(pratica.id)
  const after = await latestAttemptPositions(pratica.id)
  const outcome = outcomeOf(after.map((position) => position.status))
  const waiting =
    current.status === PraticaStatus.PAYMENT_PENDING ||
    current.status === PraticaStatus.PAYMENT_OUTCOME_PENDING
  return {
    outcome,
    // only a checkout still open is worth waiting for (one avviso of several paid: pay the next)
    done: !waiting || outcome !== 'started',
    status: current.status,
    label: current.statusLabel,
  }
}
