import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Pratica from '#models/pratica'
import User from '#models/user'
import { PRATICA_STATUS_LABELS, PraticaStatus } from '#domain/pratica_status'
import { stateWhenTaken } from '#domain/pratica_work'
import { changeStatus, StaleStatusError, type Actor } from '#services/pratiche/change_status'
import { praticaSubject, recordAudit, type AuditAction } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'

/**
 * What the actions of the pratica page share: the pratica's row locked for
 * the transaction (PostgreSQL: FOR UPDATE; SQLite runs one transaction at
 * a time), so that of two operators acting at once the second sees what
 * the first did; and the clear message the second one gets.
 */
export class ActionRefusedError extends Error {}

/** The message for the operator of a refused action; anything else is a bug and goes on. */
export function refusalMessage(error: unknown): string {
  if (error instanceof ActionRefusedError || error instanceof StaleStatusError) return error.message
  throw error
}

export function lockPratica(trx: TransactionClientContract, praticaId: number) {
  return Pratica.query({ client: trx }).where('id', praticaId).forUpdate().firstOrFail()
}

export function operatorActor(user: User): Actor {
  return { type: 'operator', id: user.id, name: user.fullName }
}

export async function operatorName(operatorId: number, trx?: TransactionClientContract) {
  const operator = await User.find(operatorId, { client: trx })
  return operator?.fullName ?? 'un altro operatore'
}

/**
 * Why the operator cannot take the pratica as they saw it: someone has
 * it now ("La pratica è già stata presa in carico da ..."), or its state
 * moved on.
 */
export async function takenRefusal(
  locked: Pratica,
  user: User,
  trx: TransactionClientContract
): Promise<ActionRefusedError> {
  if (locked.operatorId === user.id) {
    return new ActionRefusedError('La pratica è già in carico a te.')
  }
  if (locked.operatorId !== null) {
    const name = await operatorName(locked.operatorId, trx)
    return new ActionRefusedError(`La pratica è già stata presa in carico da ${name}.`)
  }
  return new ActionRefusedError(
    `La pratica è nello stato "${PRATICA_STATUS_LABELS[locked.status]}": non può essere presa in carico.`
  )
}

/**
 * Gives the locked pratica to an operator (and/or an office): a sent one
 * becomes In carico, one In carico gets a new iter line ("Subentra a
 * ...", "Assegnata a ..."), one in the integration cycle keeps its state
 * and only changes hands.
 */
export async function handOver(
  trx: TransactionClientContract,
  locked: Pratica,
  change: {
    actor: Actor
    message: string
    patch: Partial<Pick<Pratica, 'operatorId' | 'officeId'>>
  }
) {
  const to = stateWhenTaken(locked.status)
  if (to === locked.status && to !== PraticaStatus.PENDING) {
    await locked.useTransaction(trx).merge(change.patch).save()
    return
  }
  await changeStatus(trx, locked.id, to, { ...change, expectedFrom: [locked.status] })
}

/** The audit entry of an action on the pratica, in the action's transaction. */
export function auditPratica(
  trx: TransactionClientContract,
  action: AuditAction,
  pratica: Pratica,
  by: Acting,
  metadata?: Record<string, unknown>
) {
  return recordAudit(
    {
      action,
      enteId: pratica.enteId,
      actor: by.actor,
      subject: praticaSubject(pratica),
      metadata,
      origin: by.origin,
    },
    trx
  )
}
