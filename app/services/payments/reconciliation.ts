import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type User from '#models/user'
import PaymentPosition from '#models/payment_position'
import type { PaymentStatus } from '#domain/payments/position_status'
import { outbox } from '#queue/outbox'
import NotFoundException from '#exceptions/not_found_exception'
import { recordAudit, type RequestOrigin } from '#services/audit/audit_log'
import { POSITION_REQUESTED } from '#services/payments/positions'
import { isUuid } from '#domain/uuid'

/** The reconciliation page's groups, in the order it shows them. */
export const RECONCILIATION_GROUPS = {
  creati: { label: 'Creati', statuses: null },
  in_attesa: {
    label: 'In attesa',
    statuses: ['CREATION_PENDING', 'PAYMENT_PENDING', 'PAYMENT_STARTED'] as PaymentStatus[],
  },
  pagati: { label: 'Pagati', statuses: ['COMPLETE'] as PaymentStatus[] },
  falliti: {
    label: 'Falliti',
    statuses: ['CREATION_FAILED', 'PAYMENT_FAILED', 'CANCELED'] as PaymentStatus[],
  },
  scaduti: { label: 'Scaduti', statuses: ['EXPIRED'] as PaymentStatus[] },
} as const

export type ReconciliationGroup = keyof typeof RECONCILIATION_GROUPS

export function isReconciliationGroup(value: unknown): value is ReconciliationGroup {
  return typeof value === 'string' && value in RECONCILIATION_GROUPS
}

const PAGE_SIZE = 50

/**
 * The ente's payment positions for its admin: how many per group, and one
 * group's positions, newest first, with their pratica's request number.
 */
export async function reconciliationReport(ente: Ente, group: ReconciliationGroup, page: number) {
  const rows = await db
    .from(PaymentPosition.table)
    .where('ente_id', ente.id)
    .groupBy('status')
    .select('status')
    .count('* as total')
  const byStatus = new Map(rows.map((row) => [row.status as PaymentStatus, Number(row.total)]))
  const counts = Object.fromEntries(
    Object.entries(RECONCILIATION_GROUPS).map(([key, { statuses }]) => [
      key,
      statuses
        ? statuses.reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0)
        : [...byStatus.values()].reduce((sum, count) => sum + count, 0),
    ])
  ) as Record<ReconciliationGroup, number>

  const query = PaymentPosition.forEnte(ente).preload('pratica').orderBy('id', 'desc')
  const statuses = RECONCILIATION_GROUPS[group].statuses
  if (statuses) query.whereIn('status', statuses)
  const positions = await query.paginate(page, PAGE_SIZE)
  return { counts, positions }
}

/** "Riprova creazione" found nothing to retry: already retried, or not failed. */
export class NothingToRetryError extends Error {
  constructor() {
    super('La creazione di questo pagamento non è fallita o è già stata ripresa.')
  }
}

/**
 * "Riprova creazione" of a CREATION_FAILED position: back to
 * CREATION_PENDING and a new creation request, with the same idempotency
 * key (the intermediary answers the position if it made it after all).
 * Conditional on the state, so a double click retries once.
 */
export async function retryCreation(ente: Ente, uuid: string, actor: User, origin: RequestOrigin) {
  if (!isUuid(uuid)) throw new NotFoundException()
  await db.transaction(async (trx) => {
    const position = await PaymentPosition.query({ client: trx })
      .where('ente_id', ente.id)
      .where('uuid', uuid)
      .first()
    // another ente's position, or none: the same 404 (DESIGN: nothing leaks)
    if (!position) throw new NotFoundException()
    const updated = await trx
      .from(PaymentPosition.table)
      .where('id', position.id)
      .where('status', 'CREATION_FAILED')
      .update({ status: 'CREATION_PENDING', updated_at: new Date() })
    if (Number(updated) === 0) throw new NothingToRetryError()
    await outbox.record(trx, {
      type: POSITION_REQUESTED,
      enteId: ente.id,
      payload: { positionId: position.id },
    })
    await recordAudit(
      {
        action: 'payment_creation_retried',
        enteId: ente.id,
        actor,
        subject: { type: 'payment_position', id: position.uuid, label: position.causale },
        origin,
      },
      trx
    )
  })
}
