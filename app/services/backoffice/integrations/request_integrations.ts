import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import IntegrationRequest from '#models/integration_request'
import { PraticaStatus } from '#domain/pratica_status'
import { integrationRefusal } from '#domain/integrations'
import { changeStatus, StaleStatusError } from '#services/pratiche/change_status'
import { recordAudit } from '#services/audit/audit_log'
import { uploadsOf } from '#services/forms/uploads'
import {
  readMessageForm,
  type CitizenMessageInput,
  type MessageForm,
} from '#services/pratiche/messages/citizen_message'
import { writeToApplicant } from '#services/backoffice/integrations/email_applicant'
import {
  operatorActor,
  praticaSubject,
  subjectOf,
  type StaffAct,
} from '#services/backoffice/integrations/acting'

/**
 * "Invia richiesta integrazione": the operator's motivation and optional
 * files become a message to the citizen, e-mailed to them; the pratica
 * goes 4000/4500 → 4100 "Richiesta integrazioni" (the operator) → 4200
 * "In attesa di integrazioni" (the system, at once: OpenCity's
 * register-integration-request, which protocols the request first, is not
 * done here). All in one transaction; a pratica that moved meanwhile (a
 * double click, another operator) refuses with the reason and gives the
 * form back as typed.
 */
export type RequestOutcome =
  { sent: IntegrationRequest } | { sent?: undefined; form: Extract<MessageForm, { ready: false }> }

export const INTEGRATION_REQUEST_SUBJECT = 'Richiesta di integrazioni'

export async function requestIntegrations(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  input: CitizenMessageInput,
  act: StaffAct
): Promise<RequestOutcome> {
  const form = await readMessageForm(ente, input)
  if (!form.ready) return { form }
  // refused: the text and the files already accepted go back to the operator
  const refused = async (reason: string): Promise<RequestOutcome> => ({
    form: {
      ready: false,
      body: form.body,
      draft: form.draft,
      kept: await uploadsOf(ente, form.owner),
      errors: { pratica: reason },
    },
  })
  const refusal = integrationRefusal('request', subjectOf(pratica, service), act.operator.id)
  if (refusal) return refused(refusal)

  try {
    const sent = await db.transaction(async (trx) => {
      // the applicant gets the request itself by e-mail (writeToApplicant), not a state notice
      const moved = await changeStatus(trx, pratica.id, PraticaStatus.REQUEST_INTEGRATION, {
        actor: operatorActor(act.operator),
        expectedFrom: [pratica.status],
        applicantNotified: true,
      })
      const message = await writeToApplicant(trx, ente, moved, {
        author: operatorActor(act.operator),
        subject: INTEGRATION_REQUEST_SUBJECT,
        serviceName: service.name,
        body: form.body,
        attachmentsFrom: form.owner,
      })
      const request = await IntegrationRequest.create(
        {
          enteId: ente.id,
          praticaId: pratica.id,
          requestMessageId: message.id,
          requestedBy: act.operator.id,
          status: 'open',
        },
        { client: trx }
      )
      await changeStatus(trx, pratica.id, PraticaStatus.DRAFT_FOR_INTEGRATION, {
        actor: { type: 'system' },
        applicantNotified: true,
      })
      await recordAudit(
        {
          action: 'pratica_integration_requested',
          enteId: ente.id,
          actor: act.operator,
          subject: praticaSubject(pratica),
          metadata: { integrationRequestId: request.id },
          origin: act.origin,
        },
        trx
      )
      return request
    })
    return { sent }
  } catch (error) {
    if (error instanceof StaleStatusError) return refused(error.message)
    throw error
  }
}
