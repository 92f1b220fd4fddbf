import db from '@adonisjs/lucid/services/db'
import type Pratica from '#models/pratica'
import { IN_WORK } from '#domain/pratica_work'
import { PraticaStatus, PRATICA_STATUS_LABELS } from '#domain/pratica_status'
import type { Acting } from '#services/operators/types'
import { assignableOffices, assignableOperators } from '#services/backoffice/pratica/assignees'
import {
  auditPratica,
  ActionRefusedError,
  handOver,
  lockPratica,
  operatorActor,
} from '#services/backoffice/pratica/locked_pratica'

/**
 * "Assegna ad un operatore": an office, an operator enabled for the
 * service, or both (the operator then must belong to the office). With an
 * operator the pratica is In carico of them; with only an office it waits
 * for one of its operators, and an operator in charge who is not of that
 * office lets it go.
 */
export interface AssignInput {
  officeId: number | null
  operatorId: number | null
}

const OPEN_STATES = [PraticaStatus.SUBMITTED, PraticaStatus.REGISTERED, ...IN_WORK]

function idOf(value: unknown): number | null {
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null
}

export function assignInput(office: unknown, operator: unknown): AssignInput {
  return { officeId: idOf(office), operatorId: idOf(operator) }
}

async function choice(pratica: Pratica, input: AssignInput) {
  const offices = await assignableOffices(pratica.enteId)
  const operators = await assignableOperators(pratica.enteId, pratica.serviceId)
  const office = offices.find((candidate) => candidate.id === input.officeId) ?? null
  const operator = operators.find((candidate) => candidate.id === input.operatorId) ?? null
  let error: string | null = null
  if (!office && !operator) {
    error = 'Scegli un ufficio, un operatore o entrambi.'
  } else if (office && operator && !operator.officeIds.includes(office.id)) {
    error = `${operator.name} non fa parte dell'${office.name}: scegli un operatore dell'ufficio.`
  }
  return { office, operator, operators, error }
}

/** Why the choice cannot be made (next to "Operatore"), or null. */
export async function checkAssignment(pratica: Pratica, input: AssignInput) {
  const { error } = await choice(pratica, input)
  return error ? { operatore: error } : null
}

export async function assignPratica(pratica: Pratica, input: AssignInput, by: Acting) {
  const { office, operator, operators, error } = await choice(pratica, input)
  if (error) throw new ActionRefusedError(error)

  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    if (!OPEN_STATES.includes(locked.status)) {
      throw new ActionRefusedError(
        `La pratica è nello stato "${PRATICA_STATUS_LABELS[locked.status]}": non può essere assegnata.`
      )
    }
    if (operator) {
      const officeId =
        office?.id ??
        (locked.officeId && operator.officeIds.includes(locked.officeId) ? locked.officeId : null)
      await handOver(trx, locked, {
        actor: operatorActor(by.actor),
        message: `Assegnata a ${operator.name}${office ? ` (${office.name})` : ''}`,
        patch: { operatorId: operator.id, officeId },
      })
    } else {
      const current = operators.find((candidate) => candidate.id === locked.operatorId)
      const keeps = current?.officeIds.includes(office!.id) ?? false
      await locked
        .useTransaction(trx)
        .merge({ officeId: office!.id, operatorId: keeps ? locked.operatorId : null })
        .save()
    }
    await auditPratica(trx, 'pratica_assigned', locked, by, {
      office: office?.name ?? null,
      operator: operator?.name ?? null,
    })
  })
}
