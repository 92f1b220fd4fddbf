import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import Stamp, { type StampPhase } from '#models/stamp'
import PaymentPosition from '#models/payment_position'
import { AWAITING_PAYMENT, PraticaStatus } from '#domain/pratica_status'
import { digitalStampUnderway } from '#domain/payments/digital_stamp'
import { outcomeTarget } from '#domain/pratica_work'
import {
  checkMarcaDaBollo,
  STAMP_USED_MESSAGE,
  type StampErrors,
} from '#domain/payments/marca_da_bollo'
import {
  checkStampItem,
  type FieldErrors,
  type StampItemInput,
} from '#domain/payments/payment_item'
import { changeStatus } from '#services/pratiche/change_status'
import { postMessage } from '#services/pratiche/post_message'
import { praticaSubject, recordAudit } from '#services/audit/audit_log'
import { lockPratica, operatorActor } from '#services/backoffice/pratica/locked_pratica'
import { emailApplicant } from '#services/backoffice/integrations/email_applicant'
import { deferredRefusal } from '#services/payments/deferred_payments'
import { sendWhenRequestStepComplete } from '#services/payments/request_step'
import type { Acting } from '#services/operators/types'

/**
 * Bolli (marche da bollo) of a pratica: in fase di richiesta (the
 * service's settings) and in fase di rilascio (the operator's "Marche da
 * bollo"). The citizen enters each with its 14-digit number and emission
 * time; a number already used in the ente is refused (also when two
 * citizens type it at once: the unique index decides). Bolli asked at
 * release put the pratica "In attesa di pagamento bolli" (4000 → 1500);
 * the last one entered approves it (1520 → 7000) unless a deferred
 * payment is still unpaid.
 */
export class StampError extends Error {}

export const STAMP_WAITING_MESSAGE = 'In attesa di pagamento bolli'

const DIGITAL_UNDERWAY_MESSAGE =
  'Hai scelto di pagare questa marca come marca da bollo digitale: completa il pagamento online.'

/** Whether the bollo is being paid as a marca da bollo digitale (typing one would pay it twice). */
async function underwayDigitally(trx: TransactionClientContract, stamp: Stamp) {
  if (!stamp.positionId) return false
  const position = await PaymentPosition.query({ client: trx })
    .where('id', stamp.positionId)
    .select('status')
    .first()
  return digitalStampUnderway(position?.status)
}

/** The pratica's bolli, at request first, in order. */
export function stampsOfPratica(praticaId: number, client?: TransactionClientContract) {
  return Stamp.query({ client })
    .where('pratica_id', praticaId)
    .orderBy('phase', 'desc')
    .orderBy('item_index')
}

/** Rows for the bolli the service asks at request (once: the same call again adds nothing). */
export async function ensureStampsAtRequest(pratica: Pratica, service: Service) {
  const asked = service.stampSettings?.atRequest ?? []
  if (asked.length === 0 || pratica.status === PraticaStatus.DRAFT) return
  await db.transaction(async (trx) => {
    const existing = await Stamp.query({ client: trx })
      .where('pratica_id', pratica.id)
      .where('phase', 'at_request')
    const rows = asked
      .map((item, index) => ({ item, index }))
      .filter(({ index }) => !existing.some((stamp) => stamp.itemIndex === index))
    for (const { item, index } of rows) {
      await insertStamp(trx, pratica, 'at_request', index, item.causale, item.amountCents)
    }
  })
}

async function insertStamp(
  trx: TransactionClientContract,
  pratica: Pratica,
  phase: StampPhase,
  itemIndex: number,
  causale: string,
  amountCents: number
) {
  await trx
    .knexQuery()
    .table(Stamp.table)
    .insert({
      ente_id: pratica.enteId,
      uuid: randomUUID(),
      pratica_id: pratica.id,
      phase,
      item_index: itemIndex,
      causale,
      amount_cents: amountCents,
      created_at: trx.knexRawQuery('CURRENT_TIMESTAMP'),
      updated_at: trx.knexRawQuery('CURRENT_TIMESTAMP'),
    })
    .onConflict(['pratica_id', 'phase', 'item_index'])
    .ignore()
}

/** "Marche da bollo" of the operator in charge: the bolli due at release, then "Invia". */
export async function requestStampsAtRelease(
  ente: Ente,
  pratica: Pratica,
  input: { items: StampItemInput[]; message: string },
  by: Acting
): Promise<{ sent: true } | { sent: false; errors: FieldErrors }> {
  const errors: FieldErrors = {}
  const items = input.items.map((item, index) => {
    const checked = checkStampItem(item)
    for (const [key, message] of Object.entries(checked.errors))
      errors[`bolli.${index}.${key}`] = message
    return checked.item
  })
  if (items.length === 0) errors.bolli = 'Aggiungi almeno una marca da bollo.'
  if (Object.keys(errors).length) return { sent: false, errors }

  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    const refusal = await deferredRefusal(locked, by.actor.id)
    if (refusal) throw new StampError(refusal)
    const actor = operatorActor(by.actor)
    await changeStatus(trx, locked.id, PraticaStatus.PAYMENT_PENDING, {
      actor,
      message: STAMP_WAITING_MESSAGE,
      expectedFrom: [locked.status],
    })
    const already = await Stamp.query({ client: trx })
      .where('pratica_id', locked.id)
      .where('phase', 'at_release')
    for (const [index, item] of items.entries()) {
      await insertStamp(
        trx,
        locked,
        'at_release',
        already.length + index,
        item.causale,
        item.amountCents
      )
    }
    const text =
      input.message.trim() || 'Per completare la pratica inserisci le marche da bollo richieste.'
    await postMessage(trx, locked, {
      author: actor,
      subject: 'Marche da bollo richieste',
      body: text,
    })
    await emailApplicant(trx, ente, locked, { subject: 'Marche da bollo richieste', text })
    await recordAudit(
      {
        action: 'payment_requested',
        enteId: locked.enteId,
        actor: by.actor,
        subject: praticaSubject(locked),
        metadata: {
          stamps: items.map((item) => ({ causale: item.causale, cents: item.amountCents })),
        },
        origin: by.origin,
      },
      trx
    )
  })
  return { sent: true }
}

/**
 * The citizen enters a marca: checked (14 digits, emission time not in
 * the future), refused when its number was already used in the ente.
 */
export async function enterStamp(
  pratica: Pratica,
  service: Service,
  stampUuid: string,
  input: { number?: unknown; issuedAt?: unknown }
): Promise<{ errors: StampErrors }> {
  const checked = checkMarcaDaBollo(input)
  if (Object.keys(checked.errors).length) return { errors: checked.errors }
  try {
    await db.transaction(async (trx) => {
      const locked = await lockPratica(trx, pratica.id)
      const stamp = await openStamp(trx, locked.id, stampUuid)
      if (await underwayDigitally(trx, stamp)) throw new StampError(DIGITAL_UNDERWAY_MESSAGE)
      const used = await Stamp.query({ client: trx })
        .where('ente_id', locked.enteId)
        .where('number', checked.number)
        .first()
      if (used) throw new StampError(STAMP_USED_MESSAGE)
      stamp.useTransaction(trx)
      stamp.merge({
        number: checked.number,
        // UTC: SQLite keeps the wall time of the zone it is given
        issuedAt: checked.issuedAt!.toUTC(),
        enteredAt: DateTime.utc(),
      })
      await stamp.save()
      // each checks its own step: the request's (not yet sent) or the release's
      await sendWhenRequestStepComplete(trx, locked.id, service, 'Marche da bollo inserite')
      await approveWhenComplete(trx, locked, service)
    })
  } catch (error) {
    if (error instanceof StampError) return { errors: { number: error.message } }
    if (isUniqueViolation(error)) return { errors: { number: STAMP_USED_MESSAGE } }
    throw error
  }
  return { errors: {} }
}

/** A bollo of the pratica still to enter, its row locked; else a StampError saying why. */
export async function openStamp(
  trx: TransactionClientContract,
  praticaId: number,
  stampUuid: string
) {
  const stamp = await Stamp.query({ client: trx })
    .where('pratica_id', praticaId)
    .where('uuid', stampUuid)
    .forUpdate()
    .first()
  if (!stamp) throw new StampError('Marca da bollo non trovata.')
  if (stamp.enteredAt) throw new StampError('Questa marca da bollo è già stata inserita.')
  return stamp
}

/** Whether every bollo asked at release has been entered (none asked: yes). */
export async function releaseStampsEntered(trx: TransactionClientContract, praticaId: number) {
  const missing = await Stamp.query({ client: trx })
    .where('pratica_id', praticaId)
    .where('phase', 'at_release')
    .whereNull('entered_at')
    .first()
  return !missing
}

/** The last bollo at release entered, nothing else unpaid: 1500 → 1520 → Accettata. */
export async function approveWhenComplete(
  trx: TransactionClientContract,
  pratica: Pratica,
  service: Service
) {
  // 1510: the deferred payment went through the checkout before the marche came
  if (!AWAITING_PAYMENT.includes(pratica.status)) return
  const atRelease = await Stamp.query({ client: trx })
    .where('pratica_id', pratica.id)
    .where('phase', 'at_release')
    .first()
  if (!atRelease || !(await releaseStampsEntered(trx, pratica.id))) return
  const unpaid = await PaymentPosition.query({ client: trx })
    .where('pratica_id', pratica.id)
    .where('phase', 'deferred')
    .whereNot('status', 'COMPLETE')
    .first()
  if (unpaid) return
  const actor = { type: 'system' as const }
  await changeStatus(trx, pratica.id, PraticaStatus.PAYMENT_SUCCESS, {
    actor,
    message: 'Marche da bollo inserite',
  })
  await changeStatus(trx, pratica.id, outcomeTarget('approve', service.protocolRequired), {
    actor,
    message: 'Pratica approvata dopo l’inserimento delle marche da bollo',
  })
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string })?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** Whether any bollo was ever asked for the pratica (withdrawal rule 2 counts it as a payment). */
export async function hasStamps(praticaId: number, client?: TransactionClientContract) {
  const row = await (client ?? db)
    .from(Stamp.table)
    .where('pratica_id', praticaId)
    .select('id')
    .first()
  return !!row
}
