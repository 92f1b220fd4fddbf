import db from '@adonisjs/lucid/services/db'
import Office from '#models/office'
import type Pratica from '#models/pratica'
import { canTakeCharge, canTakeOver, stateWhenTaken } from '#domain/pratica_work'
import { changeStatus } from '#services/pratiche/change_status'
import type { Acting } from '#services/operators/types'
import { belongsToOffice } from '#services/backoffice/pratica/assignees'
import {
  auditPratica,
  ActionRefusedError,
  handOver,
  lockPratica,
  operatorActor,
  operatorName,
  takenRefusal,
} from '#services/backoffice/pratica/locked_pratica'

/**
 * "Prendi in carico": a sent pratica nobody has becomes In carico of the
 * operator. A pratica assigned to an office is taken only by one of its
 * operators (the ente admin excepted). Two operators at once: the first
 * takes it, the second is told who has it; one iter entry.
 */
export async function takeCharge(pratica: Pratica, by: Acting) {
  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    if (!canTakeCharge(locked)) throw await takenRefusal(locked, by.actor, trx)
    if (
      locked.officeId &&
      by.actor.role !== 'ente_admin' &&
      !(await belongsToOffice(by.actor.id, locked.officeId))
    ) {
      const office = await Office.find(locked.officeId, { client: trx })
      throw new ActionRefusedError(
        `La pratica è assegnata all'${office?.name ?? 'ufficio competente'}: possono prenderla in carico solo i suoi operatori.`
      )
    }
    await changeStatus(trx, locked.id, stateWhenTaken(locked.status), {
      actor: operatorActor(by.actor),
      expectedFrom: [locked.status],
      patch: { operatorId: by.actor.id },
    })
    await auditPratica(trx, 'pratica_taken_in_charge', locked, by)
  })
}

/**
 * "Subentra a <operatore>": the operator takes over a pratica another
 * operator has. `seen` is the operator the page showed: if the pratica
 * passed to someone else meanwhile, nothing changes and the operator is
 * told. In carico (or sent) it writes the iter ("Subentra a ..."); during
 * the integration cycle only the operator changes.
 */
export async function takeOver(pratica: Pratica, seen: number | null, by: Acting) {
  await db.transaction(async (trx) => {
    const locked = await lockPratica(trx, pratica.id)
    if (locked.operatorId !== seen || !canTakeOver(locked, by.actor.id)) {
      throw locked.operatorId === seen
        ? await takenRefusal(locked, by.actor, trx)
        : new ActionRefusedError(
            locked.operatorId === null
              ? 'La pratica nel frattempo non è più in carico ad alcun operatore: ricarica la pagina.'
              : `La pratica nel frattempo è passata a ${await operatorName(locked.operatorId, trx)}.`
          )
    }
    const previous = await operatorName(locked.operatorId!, trx)
    await handOver(trx, locked, {
      actor: operatorActor(by.actor),
      message: `Subentra a ${previous}`,
      patch: { operatorId: by.actor.id },
    })
    await auditPratica(trx, 'pratica_taken_over', locked, by, { from: previous })
  })
}
