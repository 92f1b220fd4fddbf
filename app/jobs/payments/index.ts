import { jobRegistry } from '#queue/job_registry'
import { subscriptions } from '#queue/subscriptions'
import type { OutboxJobPayload } from '#queue/outbox'
import type { JobContext } from '#queue/job_registry'
import { PraticaStatus } from '#domain/pratica_status'
import { PRATICA_STATUS_CHANGED } from '#services/pratiche/change_status'
import { POSITION_REQUESTED } from '#services/payments/positions'
import { requestAtRequestPositions } from '#services/payments/at_request'
import { createAtIntermediary } from '#services/payments/create_at_intermediary'
import { CHECK_POSITION_JOB, reconcilePosition } from '#services/payments/reconcile'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const AT_REQUEST_JOB = 'payments.positions_at_request'
export const CREATE_POSITION_JOB = 'payments.create_position'
/** about 8.5 hours of attempts (30 s doubling) before CREATION_FAILED */
export const CREATE_POSITION_ATTEMPTS = 11

/** "Invia" on a service with payments at request: its positions (attempt 1). */
async function positionsAtRequest(event: StatusChanged) {
  const { from, to, praticaId } = event.payload
  if (to !== PraticaStatus.PAYMENT_PENDING || from !== PraticaStatus.DRAFT) return
  await requestAtRequestPositions(praticaId, 1)
}

async function createPosition(
  event: OutboxJobPayload<{ positionId: number }>,
  { attempt }: JobContext
) {
  await createAtIntermediary(event.payload.positionId, {
    lastAttempt: attempt >= CREATE_POSITION_ATTEMPTS,
  })
}

async function checkPosition(payload: { positionId: number }) {
  await reconcilePosition(payload.positionId)
}

/**
 * Payment positions: made for a pratica sent with payments at request,
 * created at the intermediary (retried while it is down), reconciled by
 * polling with back-off. Called from start/jobs.ts.
 */
export function registerPaymentJobs() {
  jobRegistry.register(AT_REQUEST_JOB, positionsAtRequest, { attempts: 12, backoffMs: 30_000 })
  jobRegistry.register(CREATE_POSITION_JOB, createPosition, {
    attempts: CREATE_POSITION_ATTEMPTS,
    backoffMs: 30_000,
  })
  jobRegistry.register(CHECK_POSITION_JOB, checkPosition, { attempts: 3, backoffMs: 10_000 })
  subscriptions.subscribe(PRATICA_STATUS_CHANGED, AT_REQUEST_JOB)
  subscriptions.subscribe(POSITION_REQUESTED, CREATE_POSITION_JOB)
}
