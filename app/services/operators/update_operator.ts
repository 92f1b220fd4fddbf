import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type User from '#models/user'
import { hasChanges, syncEnablements } from '#services/operators/enablements'
import { checkOperatorAction } from '#services/operators/operator_guard'
import { requestPasswordLink } from '#services/auth/password_links'
import { revokePasswordTokens } from '#services/auth/password_tokens'
import { recordAudit, userSubject } from '#services/audit/audit_log'
import type { Acting, OperatorInput } from '#services/operators/types'

const FIELDS = ['firstName', 'lastName', 'username', 'email'] as const

/**
 * "Modifica operatore": Dati generali, Servizi, Uffici. The audit entry
 * lists what changed. A new e-mail address voids the links sent to the
 * old one; an operator who never chose a password gets a new "Imposta la
 * password" at the new address.
 */
export async function updateOperator(ente: Ente, operator: User, input: OperatorInput, by: Acting) {
  checkOperatorAction(by.actor, operator, 'edit')
  await db.transaction(async (trx) => {
    operator.useTransaction(trx)
    const changes: Record<string, [string, string]> = {}
    for (const field of FIELDS) {
      if (operator[field] !== input[field]) changes[field] = [operator[field], input[field]]
    }
    operator.merge({
      firstName: input.firstName,
      lastName: input.lastName,
      username: input.username,
      email: input.email,
    })
    await operator.save()
    const enablements = await syncEnablements(ente, operator, input, trx)

    if (changes.email) {
      await revokePasswordTokens(operator, trx)
      if (operator.password === null) {
        await requestPasswordLink(trx, ente.id, { userId: operator.id, purpose: 'setup' })
      }
    }
    if (
      Object.keys(changes).length ||
      hasChanges(enablements.services) ||
      hasChanges(enablements.offices)
    ) {
      await recordAudit(
        {
          action: 'operator_updated',
          enteId: ente.id,
          actor: by.actor,
          subject: userSubject(operator),
          metadata: { changes, services: enablements.services, offices: enablements.offices },
          origin: by.origin,
        },
        trx
      )
    }
  })
}
