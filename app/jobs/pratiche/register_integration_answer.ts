import { PraticaStatus } from '#domain/pratica_status'
import { registerIntegrationAnswer } from '#services/backoffice/integrations/protocol_answer'
import type { StatusChanged } from '#jobs/pratiche/status_event'

export const REGISTER_INTEGRATION_ANSWER_JOB = 'pratiche.protocol_integration_answer'

/** 4300 → 4400 → 4500 once the answer to an integration request is protocolled (protocol_answer.ts). */
export async function registerAnswerProtocol(event: StatusChanged) {
  if (event.payload.to !== PraticaStatus.SUBMITTED_AFTER_INTEGRATION) return
  await registerIntegrationAnswer(event.payload.praticaId)
}
