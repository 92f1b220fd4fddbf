import Upload from '#models/upload'
import PraticaMessage from '#models/pratica_message'
import PraticaDocument, { type PraticaDocumentKind } from '#models/pratica_document'
import type Pratica from '#models/pratica'
import { formatSize } from '#domain/forms/rules/files'
import { uploadOwner } from '#services/pratiche/pratica_form'
import { dateAndTime } from '#services/pratiche/dates'
import { ensureModuloCompilato, MODULO_COMPILATO } from '#services/pratiche/documents'

/**
 * The "Allegati" of a pratica in the backoffice: the "File di richiesta"
 * (the modulo compilato made at submission), the files of the form, and
 * the files of every message, internal notes included (operators see
 * them all). A file is downloaded only through the pratica it belongs
 * to, so the page's 404 rules cover the downloads too.
 */
export interface FileView {
  name: string
  size: string
  /** "Modulo", or "Messaggio del 3 apr 2025 alle 14:43" */
  source: string
  url: string
}

export interface PraticaFiles {
  request: FileView | null
  files: FileView[]
}

type Ref = Pick<Pratica, 'id' | 'enteId' | 'uuid' | 'submittedAt'>

/** The address of the modulo compilato before it exists: made on the first download. */
export const MODULO_ON_DEMAND = 'modulo-compilato'

async function messageOwners(pratica: Ref) {
  const messages = await PraticaMessage.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .select('id', 'created_at', 'visibility')
  return new Map(messages.map((message) => [message.uploadOwner, message]))
}

/** Where the other documents issued for the pratica come from. */
const DOCUMENT_SOURCES: Partial<Record<PraticaDocumentKind, string>> = {
  integrazioni: 'Risposta alle integrazioni',
  esito: 'Documento di esito',
}

export async function praticaFiles(pratica: Ref, base: string): Promise<PraticaFiles> {
  const owners = await messageOwners(pratica)
  const uploads = await Upload.query()
    .where('ente_id', pratica.enteId)
    .whereIn('owner', [uploadOwner(pratica), ...owners.keys()])
    .orderBy('created_at')
    .orderBy('id')
  const documents = await PraticaDocument.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .orderBy('id')
  const modulo = documents.find((document) => document.kind === MODULO_COMPILATO)
  return {
    request: modulo
      ? {
          name: modulo.fileName,
          size: formatSize(modulo.size),
          source: 'Modulo compilato',
          url: `${base}/documenti/${modulo.id}`,
        }
      : pratica.submittedAt
        ? {
            name: `modulo-compilato-${pratica.uuid}.pdf`,
            size: 'PDF',
            source: 'Modulo compilato',
            url: `${base}/documenti/${MODULO_ON_DEMAND}`,
          }
        : null,
    files: [
      ...documents
        .filter((document) => document.kind !== MODULO_COMPILATO)
        .map((document) => ({
          name: document.fileName,
          size: formatSize(document.size),
          source: DOCUMENT_SOURCES[document.kind] ?? 'Documento',
          url: `${base}/documenti/${document.id}`,
        })),
      ...uploads.map((upload) => {
        const message = owners.get(upload.owner)
        return {
          name: upload.clientName,
          size: formatSize(upload.size),
          source: message
            ? `${message.visibility === 'internal' ? 'Nota interna' : 'Messaggio'} del ${dateAndTime(message.createdAt)}`
            : 'Modulo',
          url: `${base}/allegati/${upload.id}`,
        }
      }),
    ],
  }
}

/** One file of the pratica (its form's or one of its messages'), or null. */
export async function praticaUpload(pratica: Ref, uploadId: unknown) {
  if (typeof uploadId !== 'string' || !/^[0-9a-f-]{36}$/i.test(uploadId)) return null
  const messages = await messageOwners(pratica)
  const owners = [uploadOwner(pratica), ...messages.keys()]
  return Upload.query()
    .where('ente_id', pratica.enteId)
    .where('id', uploadId.toLowerCase())
    .whereIn('owner', owners)
    .first()
}

/**
 * One document issued for the pratica, or null; the modulo compilato of a
 * sent pratica is made now if its job has not made it yet.
 */
export async function praticaDocument(pratica: Ref, documentId: unknown) {
  if (documentId === MODULO_ON_DEMAND && pratica.submittedAt) {
    return ensureModuloCompilato(pratica.id)
  }
  if (typeof documentId !== 'string' || !/^\d{1,12}$/.test(documentId)) return null
  return PraticaDocument.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .where('id', Number(documentId))
    .first()
}
