import { jobRegistry } from '#queue/job_registry'
import { subscriptions } from '#queue/subscriptions'
import { PRATICA_STATUS_CHANGED } from '#services/pratiche/change_status'
import { ACQUIRE_PRATICA_JOB, acquirePratica } from '#jobs/pratiche/acquire_pratica'
import { MODULO_COMPILATO_JOB, makeModuloCompilato } from '#jobs/pratiche/make_modulo_compilato'
import { SEND_RECEIPT_JOB, sendPraticaReceipt } from '#jobs/pratiche/send_receipt'
import { REGISTER_PROTOCOL_JOB, registerProtocol } from '#jobs/pratiche/register_protocol'
import {
  REGISTER_INTEGRATION_ANSWER_JOB,
  registerAnswerProtocol,
} from '#jobs/pratiche/register_integration_answer'
import { REGISTER_OUTCOME_JOB, registerOutcome } from '#jobs/pratiche/register_outcome'
import { AUTO_ASSIGN_JOB, autoAssignAcquired } from '#jobs/pratiche/auto_assign'
import { FORWARD_PRATICA_JOB, forwardAcquired } from '#jobs/pratiche/forward_pratica'

/**
 * What happens after a pratica is sent, each job on `pratica.status_changed`
 * picking the changes it cares about: Acquisita, the modulo compilato,
 * the receipt, the protocol. Called from start/jobs.ts.
 */
export function registerPraticaJobs() {
  jobRegistry.register(ACQUIRE_PRATICA_JOB, acquirePratica, { attempts: 8, backoffMs: 2000 })
  jobRegistry.register(MODULO_COMPILATO_JOB, makeModuloCompilato, { attempts: 8, backoffMs: 5000 })
  jobRegistry.register(SEND_RECEIPT_JOB, sendPraticaReceipt, { attempts: 8, backoffMs: 5000 })
  // a protocol system down for a night: about 17 hours of attempts, then /admin/jobs
  jobRegistry.register(REGISTER_PROTOCOL_JOB, registerProtocol, { attempts: 12, backoffMs: 30_000 })
  jobRegistry.register(FORWARD_PRATICA_JOB, forwardAcquired, { attempts: 8, backoffMs: 2000 })
  jobRegistry.register(REGISTER_INTEGRATION_ANSWER_JOB, registerAnswerProtocol, {
    attempts: 12,
    backoffMs: 30_000,
  })
  jobRegistry.register(REGISTER_OUTCOME_JOB, registerOutcome, { attempts: 12, backoffMs: 30_000 })
  jobRegistry.register(AUTO_ASSIGN_JOB, autoAssignAcquired, { attempts: 8, backoffMs: 2000 })
  subscriptions.subscribe(
    PRATICA_STATUS_CHANGED,
    ACQUIRE_PRATICA_JOB,
    MODULO_COMPILATO_JOB,
    SEND_RECEIPT_JOB,
    REGISTER_PROTOCOL_JOB,
    REGISTER_OUTCOME_JOB,
    AUTO_ASSIGN_JOB,
    REGISTER_INTEGRATION_ANSWER_JOB,
    FORWARD_PRATICA_JOB
  )
}
