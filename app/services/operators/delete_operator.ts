import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { checkOperatorAction } from '#services/operators/operator_guard'
import { countPraticheInCharge } from '#services/operators/pratiche_in_charge'
import { recordAudit, userSubject } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'

/**
 * "Elimina": refused while the operator has pratiche in charge (they must
 * be assigned to someone else first). Their enablements, links and
 * "Ricordami" tokens go with them; the audit log keeps their name.
 */
export async function deleteOperator(operator: User, by: Acting) {
  checkOperatorAction(by.actor, operator, 'delete', await countPraticheInCharge(operator))
  await db.transaction(async (trx) => {
    await recordAudit(
      {
        action: 'operator_deleted',
        enteId: operator.enteId,
        actor: by.actor,
        subject: userSubject(operator),
        metadata: { role: operator.role, email: operator.email },
        origin: by.origin,
      },
      trx
    )
    operator.useTransaction(trx)
    await operator.delete()
  })
}
