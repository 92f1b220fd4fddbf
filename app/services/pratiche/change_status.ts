import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Pratica from '#models/pratica'
import PraticaStatusChange, { type ActorType } from '#models/pratica_status_change'
import { outbox } from '#queue/outbox'
import {
  assertTransition,
  PRATICA_STATUS_LABELS,
  PraticaStatus,
  type PraticaStatusCode,
} from '#domain/pratica_status'

export const PRATICA_STATUS_CHANGED = 'pratica.status_changed'

export interface Actor {
  type: ActorType
  id?: number
  name?: string
}

export interface StatusChange {
  actor: Actor
  /** shown in the iter */
  message?: string
  /** 7000 only: "Parzialmente approvata" */
  partial?: boolean
  /**
   * The caller itself e-mails the applicant about this change, with the
   * office's own text (an integration request, an outcome): the state
   * notice (app/services/notifications) then reaches the applicant only if
   * the service has a template for the state; the operators as always.
   */
  applicantNotified?: boolean
  /**
   * The states the caller saw when it decided (e.g. the operator's page):
   * if the pratica moved meanwhile, the change is refused instead of
   * applied twice (double clicks, two operators at once).
   */
  expectedFrom?: PraticaStatusCode[]
  /** other columns changed together with the state (operator, office...) */
  patch?: Partial<
    Pick<
      Pratica,
      | 'operatorId'
      | 'officeId'
      | 'submittedAt'
      | 'responseDueAt'
      | 'protocolNumber'
      | 'protocolDate'
    >
  >
}

/** The pratica is no longer in the state the caller saw. */
export class StaleStatusError extends Error {
  constructor(readonly current: PraticaStatusCode) {
    super(
      `La pratica nel frattempo è passata allo stato "${PRATICA_STATUS_LABELS[current]}": ricarica la pagina.`
    )
  }
}

/**
 * The only way a pratica changes state: locks its row, checks the state
 * machine, writes the iter entry and the outbox event in the same
 * transaction.
 */
export async function changeStatus(
  trx: TransactionClientContract,
  praticaId: number,
  to: PraticaStatusCode,
  change: StatusChange
): Promise<Pratica> {
  const pratica = await Pratica.query({ client: trx })
    .where('id', praticaId)
    .forUpdate()
    .firstOrFail()
  const from = pratica.status
  if (change.expectedFrom && !change.expectedFrom.includes(from)) {
    throw new StaleStatusError(from)
  }
  assertTransition(from, to)

  const partial = to === PraticaStatus.COMPLETE && !!change.partial
  pratica.merge({ ...change.patch, status: to, partial, statusChangedAt: DateTime.now() })
  await pratica.useTransaction(trx).save()

  await PraticaStatusChange.create(
    {
      enteId: pratica.enteId,
      praticaId: pratica.id,
      fromStatus: from,
      toStatus: to,
      partial,
      actorType: change.actor.type,
      actorId: change.actor.id ?? null,
      actorName: change.actor.name ?? null,
      message: change.message ?? null,
    },
    { client: trx }
  )
  await outbox.record(trx, {
    type: PRATICA_STATUS_CHANGED,
    enteId: pratica.enteId,
    payload: {
      praticaId: pratica.id,
      from,
      to,
      partial,
      ...(change.applicantNotified ? { applicantNotified: true } : {}),
    },
  })
  return pratica
}
