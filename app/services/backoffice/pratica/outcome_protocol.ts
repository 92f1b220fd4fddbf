import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import Upload from '#models/upload'
import PraticaMessage from '#models/pratica_message'
import { PraticaStatus, type PraticaStatusCode } from '#domain/pratica_status'
import { runOnce } from '#queue/run_once'
import { changeStatus } from '#services/pratiche/change_status'
import { applicantCorrespondent, protocolPlugin } from '#services/pratiche/protocol_registration'
import { RESPONSE_DOCUMENT_FIELD } from '#services/backoffice/pratica/outcome'

/**
 * The outcome of a pratica whose service requires protocol: Approva left
 * it at 6000 "Accettata (in attesa di protocollazione del documento di
 * esito)", Rigetta at 8000. The response document (main) and the other
 * files of the response message go to the register (outbound,
 * "application-outcome"), then 6000 → 7000 / 8000 → 9000 by the system,
 * with the protocol number in the iter. The register call is idempotent
 * on the pratica's key; a register down throws and the job retries, the
 * pratica waiting.
 */
const WAITING: Partial<Record<PraticaStatusCode, PraticaStatusCode>> = {
  [PraticaStatus.COMPLETE_WAITING_REGISTRATION]: PraticaStatus.COMPLETE,
  [PraticaStatus.CANCELLED_WAITING_REGISTRATION]: PraticaStatus.CANCELLED,
}

export function outcomeProtocolKey(pratica: Pick<Pratica, 'id'>) {
  return `pratica:${pratica.id}:protocol:application-outcome`
}

/** The response message's files: the document first, then the attachments. */
async function responseFiles(pratica: Pratica) {
  const messages = await PraticaMessage.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .select('id')
  const document = await Upload.query()
    .where('ente_id', pratica.enteId)
    .where('field', RESPONSE_DOCUMENT_FIELD)
    .whereIn(
      'owner',
      messages.map((message) => message.uploadOwner)
    )
    .orderBy('created_at', 'desc')
    .firstOrFail()
  const others = await Upload.query()
    .where('ente_id', pratica.enteId)
    .where('owner', document.owner)
    .whereNot('id', document.id)
    .orderBy('created_at')
  const file = async (upload: Upload) => ({
    filename: upload.clientName,
    contentType: upload.mimeType,
    content: await drive.use().getBytes(upload.diskKey),
  })
  return { main: await file(document), attachments: await Promise.all(others.map(file)) }
}

export async function registerOutcomeProtocol(praticaId: number): Promise<boolean> {
  const pratica = await Pratica.findOrFail(praticaId)
  if (!WAITING[pratica.status]) return false
  const service = await Service.findOrFail(pratica.serviceId)
  const ente = await Ente.findOrFail(pratica.enteId)
  const protocol = await protocolPlugin(ente)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const files = await responseFiles(pratica)

  const registered = await protocol.adapter.registerOutbound({
    idempotencyKey: outcomeProtocolKey(pratica),
    documentType: 'application-outcome',
    subject: `${service.name} - esito della richiesta ${pratica.uuid}`,
    correspondent: applicantCorrespondent(citizen),
    mainDocument: { ...files.main, description: 'Documento di esito' },
    attachments: files.attachments,
  })
  await runOnce(outcomeProtocolKey(pratica), async (trx) => {
    const current = await Pratica.query({ client: trx })
      .where('id', pratica.id)
      .forUpdate()
      .firstOrFail()
    const to = WAITING[current.status]
    if (!to) {
      logger.info({ pratica: pratica.uuid }, 'outcome protocolled after the pratica moved on')
      return
    }
    const date = DateTime.fromJSDate(registered.date).setZone('Europe/Rome').toFormat('dd/MM/yyyy')
    await changeStatus(trx, current.id, to, {
      actor: { type: 'system' },
      message: `Protocollo ${registered.number} del ${date}`,
      partial: current.partial,
      expectedFrom: [current.status],
    })
  })
  return true
}
