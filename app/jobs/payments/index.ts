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
import { DIGITAL_STAMP_PAID, recordIssuedStamp } from '#services/payments/digital_stamps'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const AT_REQUEST_JOB = 'payments.positions_at_request'
export const CREATE_POSITION_JOB = 'payments.create_position'
/** about 8.5 hours of attempts (30 s doubling) before CREATION_FAILED */
export const CREATE_POSITION_ATTEMPTS = 11
export const DIGITAL_STAMP_RECEIPT_JOB = 'payments.digital_stamp_receipt'

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

async function digitalStampReceipt(event: OutboxJobPayload<{ positionId: number }>) {
  await recordIssuedStamp(event.payload.positionId)
}

async function checkPosition(payload: { positionId: number }) {
  await reconcilePosition(payload.positionId)
}

/**
 * Payment positions: made for a pratica sent with payments at request,
 * created at the intermediary (retried while it is down), reconciled by
 * polling with back-off; a paid marca da bollo digitale's IUBD read from
 * its receipt. Called from start/jobs.ts.
 */
export function registerPaymentJobs() {
  jobRegistry.register(AT_REQUEST_JOB, positionsAtRequest, { attempts: 12, backoffMs: 30_000 })
  jobRegistry.register(CREATE_POSITION_JOB, createPosition, {
    attempts: CREATE_POSITION_ATTEMPTS,
    backoffMs: 30_000,
  })
  jobRegistry.register(CHECK_POSITION_JOB, checkPosition, { attempts: 3, backoffMs: 10_000 })
  subscriptions.subscribe(PRATICA_STATUS_CHANGED, AT_REQUEST_JOB)
  // the marca's IUBD: the receipt may come a little after the outcome (about 2 hours of attempts)
  jobRegistry.register(DIGITAL_STAMP_RECEIPT_JOB, digitalStampReceipt, {
    attempts: 8,
    backoffMs: 60_000,
  })
  subscriptions.subscribe(POSITION_REQUESTED, CREATE_POSITION_JOB)
  subscriptions.subscribe(DIGITAL_STAMP_PAID, DIGITAL_STAMP_RECEIPT_JOB)
}
