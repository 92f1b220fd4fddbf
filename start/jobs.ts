/*
|--------------------------------------------------------------------------
| Jobs and outbox subscriptions
|--------------------------------------------------------------------------
|
| Core jobs register here (plugins through the plugin runtime):
|
|   jobRegistry.register('pratiche.acquire', acquirePratica, { attempts: 5, backoffMs: 2000 })
|   subscriptions.subscribe('pratica.submitted', 'pratiche.acquire')
|
| Delivery is at least once: every handler applies its effect through
| runOnce (app/queue/run_once.ts).
*/
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { jobRegistry } from '#queue/job_registry'
import { subscriptions } from '#queue/subscriptions'
import { DELIVER_MESSAGE_JOB, deliverMessage } from '#jobs/deliver_message'
import { MESSAGE_REQUESTED } from '#services/messaging/request_message'
import { SEND_PASSWORD_LINK_JOB, sendStaffPasswordLink } from '#jobs/send_staff_password_link'
import { PASSWORD_LINK_REQUESTED } from '#services/auth/password_links'
import { registerPraticaJobs } from '#jobs/pratiche/index'
import { registerPaymentJobs } from '#jobs/payments/index'
import { PRATICA_STATUS_CHANGED } from '#services/pratiche/change_status'
import {
  NOTIFY_STATUS_CHANGE_JOB,
  notifyPraticaStatusChange,
} from '#jobs/notifications/notify_status_change'

jobRegistry.register(DELIVER_MESSAGE_JOB, deliverMessage, { attempts: 8, backoffMs: 5000 })
subscriptions.subscribe(MESSAGE_REQUESTED, DELIVER_MESSAGE_JOB)
jobRegistry.register(SEND_PASSWORD_LINK_JOB, sendStaffPasswordLink, {
  attempts: 8,
  backoffMs: 5000,
})
subscriptions.subscribe(PASSWORD_LINK_REQUESTED, SEND_PASSWORD_LINK_JOB)
registerPraticaJobs()
registerPaymentJobs()
jobRegistry.register(NOTIFY_STATUS_CHANGE_JOB, notifyPraticaStatusChange, {
  attempts: 8,
  backoffMs: 5000,
})
subscriptions.subscribe(PRATICA_STATUS_CHANGED, NOTIFY_STATUS_CHANGE_JOB)

// tests/embedded and tests/services: slow jobs with a recorded effect
if (env.get('QUEUE_TEST_FIXTURES') && !app.inProduction) {
  const { registerFixtureJobs } = await import('#tests/fixtures/jobs/effect_job')
  registerFixtureJobs()
}
