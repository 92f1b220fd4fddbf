import app from '@adonisjs/core/services/app'
import limiter from '@adonisjs/limiter/services/main'
import DevMail from '#models/dev_mail'
import AuditLog from '#models/audit_log'
import { subscriptions } from '#queue/subscriptions'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import type { QueueConfig } from '#queue/config'

/** What the queue runtime does in the web process: outbox → queue → every due job. */
export async function workTheQueue() {
  const config = app.config.get<QueueConfig>('queue')
  const driver = new DatabaseQueueDriver(config.database)
  await new OutboxDispatcher({ ...config.outbox, queue: driver, subscriptions }).dispatchPending()
  while ((await driver.runDue()) > 0) {}
}

/** E-mails captured by the development mailbox for an address, newest first. */
export function mailsTo(email: string) {
  return DevMail.query().where('to_addresses', 'like', `%${email}%`).orderBy('id', 'desc')
}

/** The password link of an e-mail: its path and token. */
export function passwordLinkIn(mail: DevMail) {
  const match = (mail.text ?? '').match(/https?:\/\/[^/\s]+(\/\S*\/password\/([A-Za-z0-9_-]{43}))/)
  if (!match) throw new Error(`no password link in "${mail.subject}"`)
  return { path: match[1], token: match[2] }
}

/** The audit entries of an action, oldest first. */
export function auditEntries(action: string) {
  return AuditLog.query().where('action', action).orderBy('id')
}

/** Rate limits start from zero in every test (the memory store lives as long as the process). */
export function clearRateLimits() {
  return limiter.clear(['memory'])
}
