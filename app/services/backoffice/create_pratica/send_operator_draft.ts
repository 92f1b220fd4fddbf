import Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import { recordAudit } from '#services/audit/audit_log'
import { submitPratica } from '#services/pratiche/submit_pratica'
import { praticaSubject, type StaffAct } from '#services/backoffice/integrations/acting'
import { OPERATOR_AUTH_METHOD } from '#services/backoffice/create_pratica/operator_draft'

/**
 * "Invia" of a pratica the operator filled: the platform's submission
 * (the same checks, states and jobs as the citizen's: Inviata, Acquisita,
 * the modulo compilato, the receipt to the citizen), authentication
 * "operatore", then the audit log says which operator sent it for whom.
 * IncompleteDraftError and NotADraftError reach the caller as they are.
 */
export async function sendOperatorDraft(ente: Ente, draft: Pratica, act: StaffAct) {
  const citizen = await Citizen.query()
    .where('ente_id', ente.id)
    .where('id', draft.citizenId!)
    .firstOrFail()
  const submission = await submitPratica(ente, draft.id, {
    citizen,
    authMethod: OPERATOR_AUTH_METHOD,
  })
  await recordAudit({
    action: 'pratica_created_for_citizen',
    enteId: ente.id,
    actor: act.operator,
    subject: praticaSubject(draft),
    metadata: { citizenId: citizen.id, serviceId: draft.serviceId },
    origin: act.origin,
  })
  return submission
}
