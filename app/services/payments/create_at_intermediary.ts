import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Ente from '#models/ente'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { ExtensionPointError, PaymentRefusedError } from '#extension_points/payment/errors'
import type { DebtPosition } from '#extension_points/payment/contract'
import { CREATION_STATES } from '#domain/payments/position_status'
import { describeError } from '#queue/retry_policy'
import { applyRemoteStatus } from '#services/payments/apply_status'
import { schedulePositionCheck } from '#services/payments/reconcile'

/** The error for the admin's page, with the intermediary's own words when it refused. */
function errorText(error: unknown) {
  const detail = error instanceof PaymentRefusedError && error.detail ? ` (${error.detail})` : ''
  return `${describeError(error)}${detail}`
}

/** Raised so the queue retries the creation while the intermediary is down. */
export class CreationRetryError extends Error {}

/**
 * Asks the ente's intermediary for a recorded position (the job
 * `payments.create_position`). The idempotency key goes to the adapter,
 * which answers the same remote position on a retry after a lost answer:
 * never a second one. The intermediary down: the row stays
 * CREATION_PENDING with the error and the job retries; after the last
 * attempt, or when the intermediary refuses the data, CREATION_FAILED
 * (the admin's reconciliation page offers "Riprova creazione").
 */
export async function createAtIntermediary(positionId: number, options: { lastAttempt: boolean }) {
  const position = await PaymentPosition.find(positionId)
  if (!position || !CREATION_STATES.includes(position.status)) return
  const ente = await Ente.findOrFail(position.enteId)

  let remote: DebtPosition
  try {
    const { adapter } = await paymentManager.forEnte(ente, position.pluginId)
    remote = await adapter.createPosition({
      idempotencyKey: position.idempotencyKey,
      payer: {
        fiscalCode: position.payer.fiscalCode,
        name: position.payer.name,
        kind: position.payer.kind,
        email: position.payer.email,
      },
      amountCents: position.amountCents,
      description: position.causale,
      dueDate: position.dueDate?.toJSDate(),
      expiresAt: position.expiresAt?.toJSDate(),
      taxonomy: position.taxonomy ?? undefined,
      stamp: position.stampRequest
        ? { ...position.stampRequest, hashAlgorithm: 'sha256' }
        : undefined,
    })
  } catch (error) {
    const retry =
      !options.lastAttempt && !(error instanceof ExtensionPointError && !error.retryable)
    await PaymentPosition.query()
      .where('id', positionId)
      .whereIn('status', CREATION_STATES)
      .update({
        status: retry ? 'CREATION_PENDING' : 'CREATION_FAILED',
        last_error: errorText(error),
        creation_attempts: position.creationAttempts + 1,
        updated_at: new Date(),
      })
    if (retry) throw new CreationRetryError(describeError(error), { cause: error })
    return
  }

  const created = await db.transaction(async (trx) => {
    const row = await PaymentPosition.query({ client: trx })
      .where('id', positionId)
      .forUpdate()
      .firstOrFail()
    if (!CREATION_STATES.includes(row.status)) return null
    row.merge({
      iud: remote.positionId,
      // empty until the checkout for some marche da bollo digitali
      iuv: remote.iuv || null,
      noticeCode: remote.noticeCode || null,
      status: 'PAYMENT_PENDING',
      links: { ...row.links, notice: remote.links.notice, receipt: remote.links.receipt },
      lastError: null,
      creationAttempts: row.creationAttempts + 1,
      nextCheckAt: DateTime.now(),
      checkAttempts: 0,
      version: row.version + 1,
    })
    await row.useTransaction(trx).save()
    return row
  })
  if (!created) return
  // the intermediary may already know more (a position found again after a lost answer)
  if (remote.status !== 'PAYMENT_PENDING' && remote.status !== 'CREATION_PENDING') {
    await applyRemoteStatus(created.id, { status: remote.status }, 'creation')
  }
  await schedulePositionCheck(created)
}
