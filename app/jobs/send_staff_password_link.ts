import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import Ente from '#models/ente'
import User from '#models/user'
import type { OutboxJobPayload } from '#queue/outbox'
import { runOnce } from '#queue/run_once'
import { platformOrigin } from '#plugin_runtime/plugin_context'
import { doorPaths } from '#services/auth/staff_door'
import { issuePasswordToken, TOKEN_LIFETIME_TEXT } from '#services/auth/password_tokens'
import type { PasswordLinkRequest } from '#services/auth/password_links'

export const SEND_PASSWORD_LINK_JOB = 'staff.send_password_link'

const SUBJECTS = { setup: 'Imposta la password', reset: 'Reimposta password' }

/**
 * Sends "Imposta la password" (new account) or "Reimposta password" with
 * a fresh single-use link, through the platform mailer (staff e-mails do
 * not depend on the ente's messaging channels).
 *
 * An e-mail cannot share a database transaction, so the effect is
 * recorded after sending (runOnce, as the queue README says): a job run
 * again after a success sends nothing, one that crashed in between sends
 * again, with a new link that replaces the first.
 */
export async function sendStaffPasswordLink(event: OutboxJobPayload<PasswordLinkRequest>) {
  const { userId, purpose } = event.payload
  const effect = `staff.password_link:${event.eventId}`
  if (userId === null || (await alreadySent(effect))) return

  const user = await User.find(userId)
  if (!user || !user.isEnabled) return
  const ente = user.enteId === null ? null : await Ente.find(user.enteId)
  const token = await db.transaction((trx) => issuePasswordToken(user, purpose, trx))
  const data = {
    user,
    purpose,
    where: ente?.name ?? 'Amministrazione della piattaforma',
    link: `${platformOrigin()}${doorPaths(ente).passwordLink(token)}`,
    lifetime: TOKEN_LIFETIME_TEXT[purpose],
  }

  await mail.send((message) => {
    message
      .to(user.email, user.fullName)
      .subject(`${SUBJECTS[purpose]} - ${data.where}`)
      .htmlView('emails/staff/password_link', data)
      .textView('emails/staff/password_link_text', data)
  })
  await runOnce(effect, async () => {})
}

async function alreadySent(effect: string) {
  return !!(await db.from('processed_effects').where('key', effect).first())
}
