import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import Upload from '#models/upload'
import PraticaDocument from '#models/pratica_document'
import protocolManager from '#extension_points/protocol/manager'
import type {
  Correspondent,
  ProtocolFile,
  RegisteredDocument,
} from '#extension_points/protocol/contract'
import { PluginNotEnabledError } from '#plugin_runtime/errors'
import { PraticaStatus } from '#domain/pratica_status'
import { runOnce } from '#queue/run_once'
import { changeStatus } from '#services/pratiche/change_status'
import { documentBytes, ensureModuloCompilato } from '#services/pratiche/documents'
import { uploadOwner } from '#services/pratiche/pratica_form'

/**
 * Protocollazione of a pratica whose service requires it: the modulo
 * compilato as main document and the pratica's files as attachments go to
 * the ente's protocol plugin (inbound, "application-request"), then the
 * pratica becomes Protocollata (2000 → 3000) with "Protocollo" number and
 * date. The remote call is idempotent on the pratica's key: a retry after
 * a failure or a crash gets the same number back, and the state changes
 * once. A register that is down throws: the pratica stays Acquisita and
 * the job retries.
 */
export class NoProtocolPluginError extends Error {
  constructor(ente: Ente) {
    super(
      `Nessun sistema di protocollo abilitato per l'ente ${ente.name} (${ente.slug}): ` +
        'la pratica resta Acquisita finché un amministratore non ne abilita uno e riprova il job.'
    )
  }
}

/** Acquired and not withdrawn or cancelled (a pratica taken in charge first still gets its number). */
const awaitsProtocol = (status: number) =>
  status >= PraticaStatus.SUBMITTED &&
  status !== PraticaStatus.WITHDRAWN &&
  status !== PraticaStatus.REVOKED

/** The applicant as the register's correspondent (sender of a request, addressee of an answer). */
export function applicantCorrespondent(citizen: Citizen | null): Correspondent {
  return {
    kind: 'person',
    fiscalCode: citizen?.fiscalCode,
    name: citizen?.firstName ?? 'Richiedente',
    familyName: citizen?.lastName,
    email: citizen?.email ?? undefined,
  }
}

export function protocolKey(pratica: Pick<Pratica, 'id'>) {
  return `pratica:${pratica.id}:protocol:application-request`
}

/** Registers the pratica; false when there was nothing to do. */
export async function registerPraticaProtocol(praticaId: number): Promise<boolean> {
  const pratica = await Pratica.findOrFail(praticaId)
  const service = await Service.findOrFail(pratica.serviceId)
  if (!service.protocolRequired || pratica.protocolNumber) return false
  if (!awaitsProtocol(pratica.status)) {
    logger.info(
      { pratica: pratica.uuid, status: pratica.status },
      'protocol: the pratica is not in a state to protocol, nothing to register'
    )
    return false
  }
  const ente = await Ente.findOrFail(pratica.enteId)
  const protocol = await protocolPlugin(ente)
  const modulo = await ensureModuloCompilato(pratica.id)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null

  const registered = await protocol.adapter.registerInbound({
    idempotencyKey: protocolKey(pratica),
    documentType: 'application-request',
    subject: `${service.name} - richiesta ${pratica.uuid}`,
    correspondent: applicantCorrespondent(citizen),
    mainDocument: {
      filename: modulo.fileName,
      contentType: modulo.mimeType,
      content: new Uint8Array(await documentBytes(modulo)),
      description: 'Modulo compilato',
    },
    attachments: await attachmentsOf(pratica),
  })
  await recordProtocol(pratica.id, modulo, registered)
  return true
}

export async function protocolPlugin(ente: Ente) {
  try {
    return await protocolManager.forEnte(ente)
  } catch (error) {
    if (error instanceof PluginNotEnabledError) {
      const missing = new NoProtocolPluginError(ente)
      logger.error({ ente: ente.slug }, missing.message)
      throw missing
    }
    throw error
  }
}

async function attachmentsOf(pratica: Pratica): Promise<ProtocolFile[]> {
  const uploads = await Upload.query()
    .where('ente_id', pratica.enteId)
    .where('owner', uploadOwner(pratica))
    .orderBy('created_at')
  return Promise.all(
    uploads.map(async (upload) => ({
      filename: upload.clientName,
      contentType: upload.mimeType,
      content: await drive.use().getBytes(upload.diskKey),
    }))
  )
}

/**
 * The number and date on the pratica, Protocollata in its iter. A pratica
 * taken in charge meanwhile keeps its state and gets the number alone.
 */
async function recordProtocol(
  praticaId: number,
  modulo: PraticaDocument,
  registered: RegisteredDocument
) {
  await runOnce(`pratica:${praticaId}:protocol`, async (trx) => {
    const pratica = await Pratica.query({ client: trx })
      .where('id', praticaId)
      .forUpdate()
      .firstOrFail()
    const patch = {
      protocolNumber: registered.number,
      protocolDate: DateTime.fromJSDate(registered.date),
    }
    if (pratica.status === PraticaStatus.SUBMITTED) {
      await changeStatus(trx, pratica.id, PraticaStatus.REGISTERED, {
        actor: { type: 'system' },
        expectedFrom: [PraticaStatus.SUBMITTED],
        patch,
      })
    } else {
      await pratica.useTransaction(trx).merge(patch).save()
    }
    await recordDocumentProtocol(trx, modulo.id, registered)
  })
}

/** The register's reference kept on the document it registered. */
export function recordDocumentProtocol(
  trx: TransactionClientContract,
  documentId: number,
  registered: RegisteredDocument
) {
  return PraticaDocument.query({ client: trx })
    .where('id', documentId)
    .update({
      protocol: JSON.stringify({
        documentId: registered.documentId,
        number: registered.number,
        year: registered.year,
      }),
    })
}
