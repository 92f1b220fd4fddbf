import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import Ente from '#models/ente'
import Pratica from '#models/pratica'
import Service from '#models/service'
import Citizen from '#models/citizen'
import PraticaDocument, { type PraticaDocumentKind } from '#models/pratica_document'
import { runOnce } from '#queue/run_once'
import { renderModuloCompilato } from '#services/pdf/modulo_compilato'
import { praticaSummary } from '#services/pratiche/pratica_form'
import { dateAndTime, longDate } from '#services/pratiche/dates'

/**
 * The documents kept with a pratica. The "modulo compilato" is made once,
 * after the pratica is sent (by its job, or by the first download that
 * finds it missing), stored on the drive disk and never changed: it is
 * what the citizen sent.
 */
export const MODULO_COMPILATO = 'modulo_compilato' as const

export function moduloCompilatoOf(pratica: Pick<Pratica, 'id' | 'enteId'>) {
  return PraticaDocument.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .where('kind', MODULO_COMPILATO)
    .first()
}

/** The modulo compilato of a sent pratica, made now if it is not there yet. */
export async function ensureModuloCompilato(praticaId: number): Promise<PraticaDocument> {
  const pratica = await Pratica.findOrFail(praticaId)
  const existing = await moduloCompilatoOf(pratica)
  if (existing) return existing
  if (!pratica.submittedAt) throw new Error(`pratica ${pratica.id} has not been sent`)

  const bytes = await moduloCompilatoPdf(pratica)
  const diskKey = `pratiche/${pratica.enteId}/${pratica.uuid}/modulo-compilato.pdf`
  await runOnce(`pratica:${pratica.id}:modulo_compilato`, async (trx) => {
    await drive.use().put(diskKey, bytes, { contentType: 'application/pdf' })
    await recordPdfDocument(trx, pratica, {
      kind: MODULO_COMPILATO,
      fileName: `modulo-compilato-${pratica.uuid}.pdf`,
      diskKey,
      bytes,
    })
  })
  return (await moduloCompilatoOf(pratica))!
}

/** The row of a PDF issued for a pratica, already stored at `diskKey`, in the caller's transaction. */
export function recordPdfDocument(
  trx: TransactionClientContract,
  pratica: Pick<Pratica, 'id' | 'enteId'>,
  document: { kind: PraticaDocumentKind; fileName: string; diskKey: string; bytes: Buffer }
) {
  return PraticaDocument.create(
    {
      enteId: pratica.enteId,
      praticaId: pratica.id,
      kind: document.kind,
      fileName: document.fileName,
      mimeType: 'application/pdf',
      size: document.bytes.length,
      diskKey: document.diskKey,
      sha256: createHash('sha256').update(document.bytes).digest('hex'),
      protocol: null,
    },
    { client: trx }
  )
}

async function moduloCompilatoPdf(pratica: Pratica) {
  const ente = await Ente.findOrFail(pratica.enteId)
  const service = await Service.findOrFail(pratica.serviceId)
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  return renderModuloCompilato({
    ente,
    serviceName: service.name,
    requestNumber: pratica.uuid,
    submittedAt: dateAndTime(pratica.submittedAt),
    responseDue: pratica.responseDueAt ? longDate(pratica.responseDueAt) : null,
    applicant: citizen ? { name: citizen.fullName, fiscalCode: citizen.fiscalCode } : null,
    sections: await praticaSummary(ente, pratica),
    generatedAt: dateAndTime(DateTime.now()),
  })
}

export async function documentBytes(document: PraticaDocument) {
  return Buffer.from(await drive.use().getBytes(document.diskKey))
}
