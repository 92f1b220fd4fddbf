import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { HealthChecks } from '@adonisjs/core/health'
import { MailTransportCheck } from '#services/health/mail_transport_check'
import { QueueCheck } from '#services/health/queue_check'

/**
 * What /health reports: the database, the queue and the mail transport.
 * Unhealthy when any of them fails.
 */
export async function runHealthChecks() {
  const checks = new HealthChecks().register([
    new DbCheck(db.connection()).as('Database'),
    new QueueCheck(),
    new MailTransportCheck(),
  ])
  return checks.run()
}
