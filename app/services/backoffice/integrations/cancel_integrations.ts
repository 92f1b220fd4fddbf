import db from '@adonisjs/lucid/services/db'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import { PraticaStatus } from '#domain/pratica_status'
import { CANCEL_FROM, integrationRefusal } from '#domain/integrations'
import { changeStatus, StaleStatusError } from '#services/pratiche/change_status'
import { postMessage } from '#services/pratiche/post_message'
import { recordAudit } from '#services/audit/audit_log'
import { closeOpenRequest } from '#services/backoffice/integrations/open_request'
import {
  operatorActor,
  praticaSubject,
  subjectOf,
  type StaffAct,
} from '#services/backoffice/integrations/acting'

/**
 * "Annulla richiesta integrazioni": the pratica goes back to 4000 "In
 * carico" (the edge DESIGN.md adds), the request is closed and the
 * citizen reads in Messaggi that nothing more is needed.
 */
export const CANCELLED_NOTICE =
  'La richiesta di integrazioni è stata annullata: non è necessario inviare altro.'

export async function cancelIntegrations(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  act: StaffAct
): Promise<{ refusal: string | null }> {
  const refusal = integrationRefusal('cancel', subjectOf(pratica, service), act.operator.id)
  if (refusal) return { refusal }
  try {
    await db.transaction(async (trx) => {
      const moved = await changeStatus(trx, pratica.id, PraticaStatus.PENDING, {
        actor: operatorActor(act.operator),
        message: 'Richiesta integrazioni annullata',
        expectedFrom: CANCEL_FROM,
      })
      const closed = await closeOpenRequest(trx, pratica.id, {
        status: 'cancelled',
        by: act.operator.id,
      })
      await postMessage(trx, moved, { author: operatorActor(act.operator), body: CANCELLED_NOTICE })
      await recordAudit(
        {
          action: 'pratica_integration_cancelled',
          enteId: ente.id,
          actor: act.operator,
          subject: praticaSubject(pratica),
          metadata: { closedRequests: closed },
          origin: act.origin,
        },
        trx
      )
    })
    return { refusal: null }
  } catch (error) {
    if (error instanceof StaleStatusError) return { refusal: error.message }
    throw error
  }
}
