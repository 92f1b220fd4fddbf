import { DateTime } from 'luxon'
import logger from '@adonisjs/core/services/logger'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import IntegrationRequest from '#models/integration_request'
import PraticaDocument from '#models/pratica_document'
import { PraticaStatus } from '#domain/pratica_status'
import { runOnce } from '#queue/run_once'
import { changeStatus } from '#services/pratiche/change_status'
import { documentBytes } from '#services/pratiche/documents'
import {
  applicantCorrespondent,
  protocolPlugin,
  recordDocumentProtocol,
} from '#services/pratiche/protocol_registration'

/**
 * OpenCity's register-integration-answer: once the operator accepted the
 * integrations of a service that requires protocol, the PDF of the answer
 * goes to the protocol register (inbound, "integration-response"), then
 * the pratica moves 4300 → 4400 "Integrazioni protocollate" → 4500 "Presa
 * in carico in seguito a integrazioni". The register call is idempotent on
 * the request's key; a register down throws and the job retries, the
 * pratica waiting at 4300.
 */
export function answerProtocolKey(
  pratica: Pick<Pratica, 'id'>,
  request: Pick<IntegrationRequest, 'id'>
) {
  return `pratica:${pratica.id}:protocol:integration-response:${request.id}`
}

export async function registerIntegrationAnswer(praticaId: number): Promise<boolean> {
  const pratica = await Pratica.findOrFail(praticaId)
  const service = await Service.findOrFail(pratica.serviceId)
  if (!service.protocolRequired || pratica.status !== PraticaStatus.SUBMITTED_AFTER_INTEGRATION) {
    return false
  }
  const request = await IntegrationRequest.query()
    .where('pratica_id', pratica.id)
    .where('status', 'accepted')
    .orderBy('id', 'desc')
    .firstOrFail()
  const document = await PraticaDocument.findOrFail(request.answerDocumentId)
  const ente = await Ente.findOrFail(pratica.enteId)
  const protocol = await protocolPlugin(ente)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null

  const registered = await protocol.adapter.registerInbound({
    idempotencyKey: answerProtocolKey(pratica, request),
    documentType: 'integration-response',
    subject: `${service.name} - integrazioni della richiesta ${pratica.uuid}`,
    correspondent: applicantCorrespondent(citizen),
    mainDocument: {
      filename: document.fileName,
      contentType: document.mimeType,
      content: new Uint8Array(await documentBytes(document)),
      description: 'Risposta alla richiesta di integrazioni',
    },
    attachments: [],
  })
  await runOnce(answerProtocolKey(pratica, request), async (trx) => {
    await recordDocumentProtocol(trx, document.id, registered)
    const current = await Pratica.query({ client: trx })
      .where('id', pratica.id)
      .forUpdate()
      .firstOrFail()
    if (current.status !== PraticaStatus.SUBMITTED_AFTER_INTEGRATION) {
      logger.info(
        { pratica: pratica.uuid },
        'integration answer protocolled after the pratica moved on'
      )
      return
    }
    const message = `Protocollo ${registered.number} del ${DateTime.fromJSDate(registered.date).setZone('Europe/Rome').toFormat('dd/MM/yyyy')}`
    await changeStatus(trx, pratica.id, PraticaStatus.REGISTERED_AFTER_INTEGRATION, {
      actor: { type: 'system' },
      message,
    })
    await changeStatus(trx, pratica.id, PraticaStatus.PENDING_AFTER_INTEGRATION, {
      actor: { type: 'system' },
    })
  })
  return true
}
