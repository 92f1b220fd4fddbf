import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import { checkOperatorAction } from '#services/operators/operator_guard'
import { revokeRememberMeTokens } from '#services/auth/staff_session'
import { revokePasswordTokens } from '#services/auth/password_tokens'
import { recordAudit, userSubject } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'

/**
 * "Abilitato" on or off. A disabled operator cannot log in, their open
 * sessions end at their next request (the staff middleware), and their
 * "Ricordami" tokens and password links are deleted now.
 */
export async function setOperatorEnabled(operator: User, enabled: boolean, by: Acting) {
  checkOperatorAction(by.actor, operator, enabled ? 'enable' : 'disable')
  if (operator.isEnabled === enabled) return
  await db.transaction(async (trx) => {
    operator.useTransaction(trx)
    operator.isEnabled = enabled
    await operator.save()
    if (!enabled) {
      await revokeRememberMeTokens(operator, trx)
      await revokePasswordTokens(operator, trx)
    }
    await recordAudit(
      {
        action: enabled ? 'operator_enabled' : 'operator_disabled',
        enteId: operator.enteId,
        actor: by.actor,
        subject: userSubject(operator),
        origin: by.origin,
      },
      trx
    )
  })
}

/** "Rendi manager" / "Rendi operatore". */
export async function setOperatorRole(operator: User, role: 'manager' | 'operator', by: Acting) {
  checkOperatorAction(by.actor, operator, role === 'manager' ? 'make_manager' : 'make_operator')
  await db.transaction(async (trx) => {
    const from = operator.role
    operator.useTransaction(trx)
    operator.role = role
    await operator.save()
    await recordAudit(
      {
        action: 'operator_role_changed',
        enteId: operator.enteId,
        actor: by.actor,
        subject: userSubject(operator),
        metadata: { from, to: role },
        origin: by.origin,
      },
      trx
    )
  })
}
