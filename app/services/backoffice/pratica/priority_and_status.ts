import db from '@adonisjs/lucid/services/db'
import type Pratica from '#models/pratica'
import {
  PRATICA_STATUS_LABELS,
  PraticaStatus,
  type PraticaStatusCode,
} from '#domain/pratica_status'
import { manualTargets } from '#domain/pratica_work'
import { changeStatus, StaleStatusError } from '#services/pratiche/change_status'
import { PRIORITIES, priorityLabel } from '#services/backoffice/labels'
import type { Acting } from '#services/operators/types'
import {
  auditPratica,
  ActionRefusedError,
  lockPratica,
  operatorActor,
} from '#services/backoffice/pratica/locked_pratica'

/** "Cambio priorità": Bassa, Media or Alta. */
export async function changePriority(pratica: Pratica, value: unknown, by: Acting) {
  const priority = Number(value)
  if (typeof value !== 'string' || !PRIORITIES.includes(priority)) {
    throw new ActionRefusedError('Scegli una priorità tra Bassa, Media e Alta.')
  }
  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    const from = locked.priority
    await locked.useTransaction(trx).merge({ priority }).save()
    await auditPratica(trx, 'pratica_priority_changed', locked, by, {
      from: priorityLabel(from),
      to: priorityLabel(priority),
    })
  })
}

/**
 * "Cambio stato": one of the changes by hand OpenCity allows from the
 * state the operator saw (`seen`); if the pratica moved meanwhile nothing
 * changes and the operator is told. Back to In carico, the pratica stays
 * with its operator, or becomes the operator's who moved it.
 */
export async function changeStatusByHand(
  pratica: Pratica,
  input: { to: unknown; seen: unknown; message: unknown },
  by: Acting
) {
  const to = Number(input.to) as PraticaStatusCode
  const seen = Number(input.seen) as PraticaStatusCode
  const message = typeof input.message === 'string' ? input.message.trim().slice(0, 500) : ''
  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    if (locked.status !== seen) throw new StaleStatusError(locked.status)
    if (!manualTargets(locked.status).includes(to)) {
      throw new ActionRefusedError('Scegli uno degli stati proposti.')
    }
    await changeStatus(trx, locked.id, to, {
      actor: operatorActor(by.actor),
      message: message || undefined,
      expectedFrom: [seen],
      patch: to === PraticaStatus.PENDING ? { operatorId: locked.operatorId ?? by.actor.id } : {},
    })
    await auditPratica(trx, 'pratica_status_changed', locked, by, {
      from: PRATICA_STATUS_LABELS[seen],
      to: PRATICA_STATUS_LABELS[to],
      message,
    })
  })
}
