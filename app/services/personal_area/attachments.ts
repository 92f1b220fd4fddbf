import type { DateTime } from 'luxon'
import Upload from '#models/upload'
import Pratica from '#models/pratica'
import type PraticaMessage from '#models/pratica_message'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { applicantMessages } from '#services/pratiche/messages/read_state'

/**
 * The files a citizen sees of their pratiche: those uploaded into the
 * form (owned by "pratica:<id>") and those attached to the messages they
 * see (owned by "message:<id>", internal notes excluded).
 */
export interface AttachmentSource {
  praticaId: number
  /** the message it came with; null for the form's files */
  message: { id: number; createdAt: DateTime } | null
}

function praticaOwner(praticaId: number) {
  return `pratica:${praticaId}`
}

/** Every owner the given pratiche's visible files may have, with where each comes from. */
async function ownersOf(ente: EnteRef, praticaIds: number[]) {
  const owners = new Map<string, AttachmentSource>()
  if (praticaIds.length === 0) return owners
  for (const praticaId of praticaIds)
    owners.set(praticaOwner(praticaId), { praticaId, message: null })
  const messages: PraticaMessage[] = await applicantMessages(ente)
    .whereIn('pratica_id', praticaIds)
    .select('id', 'pratica_id', 'created_at')
  for (const message of messages) {
    owners.set(message.uploadOwner, {
      praticaId: message.praticaId,
      message: { id: message.id, createdAt: message.createdAt },
    })
  }
  return owners
}

export interface VisibleAttachment {
  upload: Upload
  source: AttachmentSource
}

/** The visible files of these pratiche, oldest first. */
export async function attachmentsOf(
  ente: EnteRef,
  praticaIds: number[]
): Promise<VisibleAttachment[]> {
  const owners = await ownersOf(ente, praticaIds)
  if (owners.size === 0) return []
  const uploads = await Upload.forEnte(ente)
    .whereIn('owner', [...owners.keys()])
    .orderBy('created_at')
    .orderBy('id')
  return uploads.map((upload) => ({ upload, source: owners.get(upload.owner)! }))
}

/** The ids of a citizen's pratiche in this ente. */
export async function praticaIdsOf(ente: EnteRef, citizenId: number) {
  const rows = await Pratica.forEnte(ente).where('citizen_id', citizenId).select('id')
  return rows.map((row) => row.id)
}

/** One file, if it belongs to one of these pratiche and is visible to their applicant. */
export async function visibleAttachment(
  ente: EnteRef,
  praticaIds: number[],
  uploadId: unknown
): Promise<VisibleAttachment | null> {
  if (typeof uploadId !== 'string' || !/^[0-9a-f-]{36}$/i.test(uploadId)) return null
  const upload = await Upload.forEnte(ente).where('id', uploadId.toLowerCase()).first()
  const [kind, id] = upload ? upload.owner.split(':') : []
  if (!upload || !/^\d+$/.test(id ?? '')) return null
  if (kind === 'pratica') {
    return praticaIds.includes(Number(id))
      ? { upload, source: { praticaId: Number(id), message: null } }
      : null
  }
  if (kind !== 'message' || praticaIds.length === 0) return null
  const message = await applicantMessages(ente)
    .where('id', Number(id))
    .whereIn('pratica_id', praticaIds)
    .first()
  return message
    ? {
        upload,
        source: {
          praticaId: message.praticaId,
          message: { id: message.id, createdAt: message.createdAt },
        },
      }
    : null
}
