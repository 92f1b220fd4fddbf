import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type Pratica from '#models/pratica'
import IntegrationRequest, { type IntegrationRequestStatus } from '#models/integration_request'
import PraticaMessage from '#models/pratica_message'
import { uploadsOf } from '#services/forms/uploads'
import { timestampBinding } from '#services/backoffice/db_values'

/**
 * The open integration request of a pratica and the citizen's answers to
 * it: the applicant's messages written after the request, each with its
 * files. The operator picks among them in "Accetta integrazioni".
 */
export function openRequestOf(pratica: Pick<Pratica, 'id' | 'enteId'>) {
  return IntegrationRequest.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .where('status', 'open')
    .orderBy('id', 'desc')
    .first()
}

export async function answersOf(ente: EnteRef, request: IntegrationRequest) {
  const messages = await PraticaMessage.forEnte(ente)
    .where('pratica_id', request.praticaId)
    .where('author_type', 'citizen')
    .where('id', '>', request.requestMessageId)
    .orderBy('id')
  return Promise.all(
    messages.map(async (message) => ({
      message,
      files: await uploadsOf(ente, message.uploadOwner),
    }))
  )
}

export type Answer = Awaited<ReturnType<typeof answersOf>>[number]

/**
 * Closes the pratica's open request by a conditional update, so of two
 * concurrent closings one only counts. Answers how many rows it closed.
 */
export async function closeOpenRequest(
  trx: TransactionClientContract,
  praticaId: number,
  close: { status: Exclude<IntegrationRequestStatus, 'open'>; by: number; documentId?: number }
): Promise<number> {
  const now = timestampBinding(DateTime.now())
  const result: unknown = await IntegrationRequest.query({ client: trx })
    .where('pratica_id', praticaId)
    .where('status', 'open')
    .update({
      status: close.status,
      answer_document_id: close.documentId ?? null,
      closed_by: close.by,
      closed_at: now,
      updated_at: now,
    })
  // knex answers an UPDATE with a count, or an array of one, by driver
  return Number(Array.isArray(result) ? result[0] : result)
}
