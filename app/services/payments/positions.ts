import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PaymentPosition, {
  type PositionPayer,
  type PositionPhase,
  type PositionType,
  type StampRequest,
} from '#models/payment_position'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { BilancioRow } from '#domain/service_settings'
import { positionKey } from '#domain/payments/position_status'
import { outbox } from '#queue/outbox'
import { isUuid } from '#domain/uuid'

/** Recorded with each new position: the `payments.create_position` job asks the intermediary. */
export const POSITION_REQUESTED = 'payment_position.requested'

export interface PositionDraft {
  amountCents: number
  causale: string
  type?: PositionType
  dueDate?: DateTime | null
  /** after this the position cannot be paid (EXPIRED) */
  expiresAt?: DateTime | null
  bilancio?: BilancioRow[] | null
  taxonomy?: string | null
  /** only for positions outside a pratica's phases; else derived (positionKey) */
  idempotencyKey?: string
  /** a STAMP position: what the marca da bollo digitale is issued for */
  stampRequest?: StampRequest
}

export interface PositionsRequest {
  ente: EnteRef & { codiceFiscale: string }
  pluginId: string
  payer: PositionPayer
  praticaId: number | null
  citizenId: number | null
  phase: PositionPhase | null
  /** 1 for the first try of a phase; a "Riprova" asks attempt + 1 */
  attempt: number
  items: PositionDraft[]
}

/**
 * Records the positions to create (CREATION_PENDING), in the caller's
 * transaction, and an outbox event per new one: once committed, the
 * creation job asks the intermediary (and retries while it is down). Asking
 * again with the same pratica, phase, item and attempt (or the same
 * idempotency key) answers the rows already there and creates nothing.
 *
 * @example
 *   await db.transaction((trx) => requestPositions(trx, {
 *     ente, pluginId: 'payment_mypay', payer, praticaId: pratica.id, citizenId: pratica.citizenId,
 *     phase: 'deferred', attempt: 1, items: [{ amountCents: 5000, causale: 'Diritti di istruttoria' }],
 *   }))
 */
export async function requestPositions(
  trx: TransactionClientContract,
  request: PositionsRequest
): Promise<PaymentPosition[]> {
  const keys: string[] = []
  for (const [index, item] of request.items.entries()) {
    const key =
      item.idempotencyKey ??
      positionKey(request.praticaId ?? 0, request.phase ?? 'open', index, request.attempt)
    keys.push(key)
    const now = new Date()
    const inserted = await trx
      .knexQuery()
      .table(PaymentPosition.table)
      .insert({
        ente_id: request.ente.id,
        uuid: randomUUID(),
        pratica_id: request.praticaId,
        citizen_id: request.citizenId,
        idempotency_key: key,
        type: item.type ?? 'PAGOPA',
        status: 'CREATION_PENDING',
        phase: request.phase,
        item_index: index,
        attempt: request.attempt,
        plugin_id: request.pluginId,
        amount_cents: item.amountCents,
        causale: item.causale.slice(0, 140),
        creditor_fiscal_code: request.ente.codiceFiscale,
        due_date: item.dueDate?.toISODate() ?? null,
        expires_at: item.expiresAt?.toJSDate() ?? null,
        payer: JSON.stringify(request.payer),
        bilancio: item.bilancio ? JSON.stringify(item.bilancio) : null,
        taxonomy: item.taxonomy ?? null,
        stamp_request: item.stampRequest ? JSON.stringify(item.stampRequest) : null,
        links: '{}',
        created_at: now,
        updated_at: now,
      })
      .onConflict(['ente_id', 'idempotency_key'])
      .ignore()
      .returning('id')
    if (inserted.length > 0) {
      const id = typeof inserted[0] === 'object' ? inserted[0].id : inserted[0]
      await outbox.record(trx, {
        type: POSITION_REQUESTED,
        enteId: request.ente.id,
        payload: { positionId: Number(id) },
      })
    }
  }
  return PaymentPosition.query({ client: trx })
    .where('ente_id', request.ente.id)
    .whereIn('idempotency_key', keys)
    .orderBy('item_index')
}

/**
 * A pratica's payments (at request and deferred; a marca da bollo digitale
 * belongs to its bollo, stamps.position_id), newest attempt first, then in
 * the order of the service's settings.
 */
export function positionsOfPratica(
  praticaId: number,
  options: { phase?: PositionPhase; client?: TransactionClientContract } = {}
) {
  const query = PaymentPosition.query({ client: options.client }).where('pratica_id', praticaId)
  if (options.phase) query.where('phase', options.phase)
  else query.whereNotNull('phase')
  return query.orderBy('attempt', 'desc').orderBy('item_index')
}

/**
 * The positions the pratica waits for now: the latest attempt of the
 * latest phase (at request, or deferred after approval).
 */
export async function latestAttemptPositions(
  praticaId: number,
  client?: TransactionClientContract
) {
  const all = await positionsOfPratica(praticaId, { client })
  const latest = all.reduce((last, position) => (position.id > last.id ? position : last), all[0])
  if (!latest) return []
  return all.filter(
    (position) => position.attempt === latest.attempt && position.phase === latest.phase
  )
}

/** Every position of a citizen in an ente (theirs by citizen id or by codice fiscale as payer). */
export function positionsOfCitizen(ente: EnteRef, citizen: { id: number; fiscalCode: string }) {
  return PaymentPosition.forEnte(ente)
    .where((query) =>
      query
        .where('citizen_id', citizen.id)
        .orWhere('payer', 'like', `%"fiscalCode":"${citizen.fiscalCode.replace(/[%_"\\]/g, '')}"%`)
    )
    .orderBy('created_at', 'desc')
}

/** One position of the ente by its public uuid, or null (never another ente's). */
export async function positionOfEnte(ente: EnteRef, uuid: unknown) {
  if (!isUuid(uuid)) return null
  return PaymentPosition.forEnte(ente).where('uuid', uuid).first()
}

/** Whether any payment position was ever asked for the pratica (withdrawal rule 2). */
export async function hasPositions(praticaId: number, client?: TransactionClientContract) {
  const row = await (client ?? db)
    .from(PaymentPosition.table)
    .where('pratica_id', praticaId)
    .select('id')
    .first()
  return !!row
}
