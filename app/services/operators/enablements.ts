import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Service from '#models/service'
import Office from '#models/office'
import type Ente from '#models/ente'
import type User from '#models/user'

export interface EnablementChange {
  added: string[]
  removed: string[]
}

/**
 * Sets the services an operator works and the offices they belong to (the
 * Servizi and Uffici tabs). Ids of another ente are ignored. Returns what
 * changed, by name, for the audit log.
 */
export async function syncEnablements(
  ente: Ente,
  operator: User,
  wanted: { services?: number[]; offices?: number[] },
  trx: TransactionClientContract
) {
  return {
    services: await syncOne(operator, 'services', Service, ente, wanted.services ?? [], trx),
    offices: await syncOne(operator, 'offices', Office, ente, wanted.offices ?? [], trx),
  }
}

async function syncOne(
  operator: User,
  relation: 'services' | 'offices',
  model: typeof Service | typeof Office,
  ente: Ente,
  wantedIds: number[],
  trx: TransactionClientContract
): Promise<EnablementChange> {
  const current = await operator.related(relation).query().useTransaction(trx).select('id', 'name')
  const allowed = wantedIds.length
    ? await model.forEnte(ente).useTransaction(trx).whereIn('id', wantedIds).select('id', 'name')
    : []
  await operator.related(relation).sync(
    allowed.map((record) => record.id),
    true,
    trx
  )
  const currentIds = new Set(current.map((record) => record.id))
  const allowedIds = new Set(allowed.map((record) => record.id))
  return {
    added: allowed.filter((record) => !currentIds.has(record.id)).map((record) => record.name),
    removed: current.filter((record) => !allowedIds.has(record.id)).map((record) => record.name),
  }
}

export function hasChanges(change: EnablementChange) {
  return change.added.length > 0 || change.removed.length > 0
}
