import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Ente from '#models/ente'
import { syncEnablements } from '#services/operators/enablements'
import { requestPasswordLink } from '#services/auth/password_links'
import { recordAudit, userSubject } from '#services/audit/audit_log'
import type { Acting, OperatorInput } from '#services/operators/types'

/**
 * "Crea nuovo operatore": an enabled operator with no password. The
 * manual: no temporary password; the operator receives an e-mail with a
 * link to choose one ("Imposta la password").
 */
export function createOperator(ente: Ente, input: OperatorInput, by: Acting): Promise<User> {
  return db.transaction(async (trx) => {
    const operator = await User.create(
      {
        enteId: ente.id,
        role: 'operator',
        username: input.username,
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        password: null,
        isEnabled: true,
      },
      { client: trx }
    )
    const enablements = await syncEnablements(ente, operator, input, trx)
    await recordAudit(
      {
        action: 'operator_created',
        enteId: ente.id,
        actor: by.actor,
        subject: userSubject(operator),
        metadata: {
          role: operator.role,
          email: operator.email,
          services: enablements.services.added,
          offices: enablements.offices.added,
        },
        origin: by.origin,
      },
      trx
    )
    await requestPasswordLink(trx, ente.id, { userId: operator.id, purpose: 'setup' })
    return operator
  })
}
