import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type PasswordToken from '#models/password_token'
import { consumePasswordToken, revokePasswordTokens } from '#services/auth/password_tokens'
import { revokeRememberMeTokens } from '#services/auth/staff_session'
import { recordAudit, userSubject, type RequestOrigin } from '#services/audit/audit_log'

/**
 * "Cambia password" from a link: the link is used up, every other link of
 * the account dies, and so do its sessions (their stamp no longer
 * matches, app/services/auth/staff_session.ts) and its "Ricordami" tokens.
 * False when the link was used meanwhile by a concurrent request.
 */
export async function changePasswordWithToken(
  link: PasswordToken,
  password: string,
  origin: RequestOrigin
): Promise<boolean> {
  return db.transaction(async (trx) => {
    if (!(await consumePasswordToken(link, trx))) return false
    const user = await User.findOrFail(link.userId, { client: trx })
    await user.setPassword(password)
    await user.save()
    await revokePasswordTokens(user, trx)
    await revokeRememberMeTokens(user, trx)
    await recordAudit(
      {
        action: 'password_changed',
        enteId: user.enteId,
        actor: user,
        subject: userSubject(user),
        metadata: { via: link.purpose },
        origin,
      },
      trx
    )
    return true
  })
}
