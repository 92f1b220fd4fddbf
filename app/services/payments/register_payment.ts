import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { PAYMENT_STEP_STATES, PraticaStatus } from '#domain/pratica_status'
import { applyRemoteStatus } from '#services/payments/apply_status'
import { postMessage } from '#services/pratiche/post_message'
import { changeStatus } from '#services/pratiche/change_status'
import { sentNow } from '#services/pratiche/submit_pratica'
import { praticaSubject, recordAudit } from '#services/audit/audit_log'
import { lockPratica, operatorActor } from '#services/backoffice/pratica/locked_pratica'
import { emailApplicant } from '#services/backoffice/integrations/email_applicant'
import type { Acting } from '#services/operators/types'

/**
 * "Registra pagamento": a payment made elsewhere (another IUV, cash at the
 * desk) closes by hand what the pratica waits for. Irreversible: the
 * unpaid positions of the phase become COMPLETE with the method the
 * operator names, the pratica follows (at request → Inviata, deferred →
 * Accettata), the reason is kept as an internal note or sent to the
 * citizen as a message. Under a row lock: of two operators at once, one
 * registers and the other is told it is done.
 */
export const REGISTERED_METHOD = 'Registrato dall’operatore'
export const REASON_MAX = 2000

export class RegisterPaymentError extends Error {}

export interface RegisterPaymentInput {
  reason: string
  /** "nota": an internal note; "messaggio": a message to the citizen (and an e-mail) */
  destination: 'nota' | 'messaggio'
}

export type RegisterErrors = Partial<Record<'reason' | 'destination', string>>

export function checkRegisterInput(body: Record<string, unknown>) {
  const reason = String(body.motivazione ?? '').trim()
  const destination = body.destinazione
  const errors: RegisterErrors = {}
  if (!reason) errors.reason = 'Scrivi la motivazione: dove e come è stato pagato.'
  else if (reason.length > REASON_MAX)
    errors.reason = `La motivazione può avere al massimo ${REASON_MAX} caratteri.`
  if (destination !== 'nota' && destination !== 'messaggio')
    errors.destination = 'Scegli se salvarla come nota interna o inviarla al cittadino.'
  return { input: { reason, destination } as RegisterPaymentInput, errors }
}

export function canRegisterPayment(pratica: Pratica) {
  return PAYMENT_STEP_STATES.includes(pratica.status)
}

export async function registerPayment(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  input: RegisterPaymentInput,
  by: Acting
) {
  const closed = await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    if (!canRegisterPayment(locked)) {
      throw new RegisterPaymentError('Il pagamento di questa pratica è già stato registrato.')
    }
    const phase = await waitingPhase(locked.id, trx)
    const open = phase
      ? await PaymentPosition.query({ client: trx })
          .where('pratica_id', locked.id)
          .where('phase', phase)
          .whereNot('status', 'COMPLETE')
          .orderBy('attempt', 'desc')
      : []
    const latest = open[0]?.attempt
    const positions = open.filter((position) => position.attempt === latest)
    for (const position of positions) {
      await PaymentPosition.query({ client: trx })
        .where('id', position.id)
        .update({ receipt: JSON.stringify({ ...position.receipt, method: REGISTERED_METHOD }) })
      await applyRemoteStatus(
        position.id,
        { status: 'COMPLETE', paidAt: new Date() },
        'operator',
        trx
      )
    }
    if (positions.length === 0) await closeWithoutPositions(trx, locked, service, phase, by)

    const author = operatorActor(by.actor)
    const subject = 'Pagamento registrato'
    const body = `Pagamento registrato dall'ufficio. Motivazione: ${input.reason}`
    await postMessage(trx, locked, {
      author,
      subject,
      body,
      visibility: input.destination === 'nota' ? 'internal' : 'applicant',
    })
    if (input.destination === 'messaggio')
      await emailApplicant(trx, ente, locked, { subject, text: body })
    await recordAudit(
      {
        action: 'payment_registered',
        enteId: locked.enteId,
        actor: by.actor,
        subject: praticaSubject(locked),
        metadata: { positions: positions.map((p) => p.uuid), destination: input.destination },
        origin: by.origin,
      },
      trx
    )
    return positions
  })
  // the intermediary would still take the notices: withdraw them where it can
  for (const position of closed) await withdrawAtIntermediary(ente, position)
}

/** The phase the pratica waits for: the one of its newest position; at request when none. */
async function waitingPhase(praticaId: number, trx: Parameters<typeof lockPratica>[0]) {
  const newest = await PaymentPosition.query({ client: trx })
    .where('pratica_id', praticaId)
    .whereNotNull('phase')
    .orderBy('id', 'desc')
    .first()
  return newest?.phase ?? null
}

/** No position was ever created (e.g. the intermediary refused it): the pratica moves on by itself. */
async function closeWithoutPositions(
  trx: Parameters<typeof lockPratica>[0],
  pratica: Pratica,
  service: Service,
  phase: string | null,
  by: Acting
) {
  const actor = operatorActor(by.actor)
  if (pratica.status === PraticaStatus.PAYMENT_ERROR) {
    await changeStatus(trx, pratica.id, PraticaStatus.PAYMENT_PENDING, { actor })
  }
  await changeStatus(trx, pratica.id, PraticaStatus.PAYMENT_SUCCESS, {
    actor,
    message: 'Pagamento registrato dall’operatore',
  })
  if (phase === 'deferred') {
    await changeStatus(trx, pratica.id, PraticaStatus.COMPLETE, { actor })
  } else {
    await changeStatus(trx, pratica.id, PraticaStatus.PRE_SUBMIT, {
      actor,
      patch: sentNow(service),
    })
  }
}

async function withdrawAtIntermediary(ente: Ente, position: PaymentPosition) {
  if (!position.ref) return
  try {
    const { adapter, manifest } = await paymentManager.forEnte(ente, position.pluginId)
    if (manifest.capabilities.cancel && adapter.cancelPosition)
      await adapter.cancelPosition(position.ref)
  } catch (error) {
    logger.warn({ err: error, position: position.uuid }, 'registra pagamento: notice not withdrawn')
  }
}
