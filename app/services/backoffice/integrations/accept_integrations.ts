import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import drive from '@adonisjs/drive/services/main'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type IntegrationRequest from '#models/integration_request'
import type PraticaDocument from '#models/pratica_document'
import PraticaMessage from '#models/pratica_message'
import { PraticaStatus } from '#domain/pratica_status'
import { integrationRefusal } from '#domain/integrations'
import { changeStatus, StaleStatusError } from '#services/pratiche/change_status'
import { recordAudit } from '#services/audit/audit_log'
import { dateAndTime } from '#services/pratiche/dates'
import { recordPdfDocument } from '#services/pratiche/documents'
import { renderIntegrationAnswer } from '#services/backoffice/integrations/answer_pdf'
import {
  answersOf,
  closeOpenRequest,
  openRequestOf,
  type Answer,
} from '#services/backoffice/integrations/open_request'
import {
  operatorActor,
  praticaSubject,
  subjectOf,
  type StaffAct,
} from '#services/backoffice/integrations/acting'

/**
 * "Accetta integrazioni": the messages the operator selected, with their
 * files, are collected in the PDF of the answer (kept as a document of the
 * pratica, kind "integrazioni"); the pratica goes 4200 → 4300
 * "Integrazioni in attesa di protocollazione" (OpenCity's
 * accept-integration) and, when the service needs no protocol, on to 4500
 * "Presa in carico in seguito a integrazioni" in the same transaction;
 * otherwise the protocol job takes it 4300 → 4400 → 4500. The request is
 * closed by a conditional update: of two operators (or a double click)
 * one succeeds, the other is told the pratica moved.
 */
export const INTEGRATIONS_DOCUMENT = 'integrazioni' as const

export type AcceptOutcome =
  { accepted: PraticaDocument } | { accepted?: undefined; refusal: string }

export async function acceptIntegrations(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  selected: number[],
  act: StaffAct
): Promise<AcceptOutcome> {
  const refusal = integrationRefusal('accept', subjectOf(pratica, service), act.operator.id)
  if (refusal) return { refusal }
  const request = await openRequestOf(pratica)
  if (!request) return { refusal: 'Non ci sono integrazioni in attesa per questa pratica.' }
  const all = await answersOf(ente, request)
  const answers = all.filter(({ message }) => selected.includes(message.id))
  if (answers.length === 0)
    return { refusal: 'Seleziona almeno un messaggio da includere nelle integrazioni.' }

  const bytes = await answerPdf(ente, pratica, service, request, answers, act)
  const diskKey = `pratiche/${pratica.enteId}/${pratica.uuid}/integrazioni-${randomUUID()}.pdf`
  await drive.use().put(diskKey, bytes, { contentType: 'application/pdf' })
  try {
    const accepted = await db.transaction(async (trx) => {
      await changeStatus(trx, pratica.id, PraticaStatus.SUBMITTED_AFTER_INTEGRATION, {
        actor: operatorActor(act.operator),
        expectedFrom: [PraticaStatus.DRAFT_FOR_INTEGRATION],
      })
      const document = await recordPdfDocument(trx, pratica, {
        kind: INTEGRATIONS_DOCUMENT,
        fileName: `risposta-integrazioni-${pratica.uuid}-${request.id}.pdf`,
        diskKey,
        bytes,
      })
      const closed = await closeOpenRequest(trx, pratica.id, {
        status: 'accepted',
        by: act.operator.id,
        documentId: document.id,
      })
      if (closed === 0) {
        throw new StaleStatusError(PraticaStatus.SUBMITTED_AFTER_INTEGRATION)
      }
      if (!service.protocolRequired) {
        await changeStatus(trx, pratica.id, PraticaStatus.PENDING_AFTER_INTEGRATION, {
          actor: { type: 'system' },
        })
      }
      await recordAudit(
        {
          action: 'pratica_integration_accepted',
          enteId: ente.id,
          actor: act.operator,
          subject: praticaSubject(pratica),
          metadata: {
            integrationRequestId: request.id,
            messages: answers.map(({ message }) => message.id),
          },
          origin: act.origin,
        },
        trx
      )
      return document
    })
    return { accepted }
  } catch (error) {
    await drive.use().delete(diskKey)
    if (error instanceof StaleStatusError) return { refusal: error.message }
    throw error
  }
}

async function answerPdf(
  ente: Ente,
  pratica: Pratica,
  service: Service,
  request: IntegrationRequest,
  answers: Answer[],
  act: StaffAct
) {
  const requestMessage = await PraticaMessage.findOrFail(request.requestMessageId)
  return renderIntegrationAnswer({
    ente,
    serviceName: service.name,
    requestNumber: pratica.uuid,
    request: {
      author: requestMessage.authorName ?? ente.name,
      when: dateAndTime(requestMessage.createdAt),
      body: requestMessage.body,
    },
    answers: await Promise.all(
      answers.map(async ({ message, files }) => ({
        author: message.authorName ?? 'Richiedente',
        when: dateAndTime(message.createdAt),
        body: message.body,
        files: await Promise.all(
          files.map(async (file) => ({
            name: file.clientName,
            mimeType: file.mimeType,
            bytes: Buffer.from(await drive.use().getBytes(file.diskKey)),
          }))
        ),
      }))
    ),
    acceptedBy: act.operator.fullName,
    generatedAt: dateAndTime(DateTime.now()),
  })
}
