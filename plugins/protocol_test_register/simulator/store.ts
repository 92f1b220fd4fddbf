import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Storage of the simulated register: what a protocol system keeps, in the
 * plugin's own tables. Numbers run per AOO and year, with no gaps, and an
 * external key makes every registration idempotent.
 */
export interface NewDocument {
  aoo: string
  direction: 'E' | 'U'
  kind: string
  subject: string
  correspondent: Record<string, unknown>
  classification?: string | null
  office?: string | null
  inReplyTo?: number | null
  externalKey: string
  files: Array<{ filename: string; contentType: string; contentBase64: string }>
}

export interface StoredDocument {
  id: number
  year: number
  number: number
  direction: 'E' | 'U'
  createdAt: Date
}

async function nextNumber(
  trx: TransactionClientContract,
  aoo: string,
  year: number,
  series: string
) {
  const counter = await trx
    .from('test_register_counters')
    .where({ aoo, year, series })
    .forUpdate()
    .first()
  const next = (counter?.last ?? 0) + 1
  if (counter) {
    await trx.from('test_register_counters').where({ aoo, year, series }).update({ last: next })
  } else {
    await trx.table('test_register_counters').insert({ aoo, year, series, last: next })
  }
  return next
}

/** PostgreSQL answers `[{ id }]`, SQLite `[id]`. */
function insertedId(inserted: number | { id: number }) {
  return typeof inserted === 'object' ? inserted.id : inserted
}

function toStored(row: any): StoredDocument {
  return {
    id: row.id,
    year: row.year,
    number: row.number,
    direction: row.direction,
    createdAt: new Date(row.created_at),
  }
}

export async function registerDocument(
  input: NewDocument
): Promise<{ document: StoredDocument; created: boolean }> {
  return db.transaction(async (trx) => {
    const existing = await trx
      .from('test_register_documents')
      .where({ aoo: input.aoo, external_key: input.externalKey })
      .first()
    if (existing) return { document: toStored(existing), created: false }

    const now = new Date()
    const year = now.getFullYear()
    const number = await nextNumber(trx, input.aoo, year, 'doc')
    const [inserted] = await trx
      .table('test_register_documents')
      .insert({
        aoo: input.aoo,
        year,
        number,
        direction: input.direction,
        kind: input.kind,
        subject: input.subject,
        correspondent: JSON.stringify(input.correspondent),
        classification: input.classification ?? null,
        office: input.office ?? null,
        in_reply_to: input.inReplyTo ?? null,
        external_key: input.externalKey,
        created_at: now,
      })
      .returning('id')
    const row = await trx.from('test_register_documents').where('id', insertedId(inserted)).first()
    await trx.table('test_register_files').multiInsert(
      input.files.map((file, position) => ({
        document_id: row.id,
        position,
        filename: file.filename,
        content_type: file.contentType,
        sha256: createHash('sha256')
          .update(Buffer.from(file.contentBase64, 'base64'))
          .digest('hex'),
        content_base64: file.contentBase64,
      }))
    )
    return { document: toStored(row), created: true }
  })
}

export async function readDocument(aoo: string, id: number) {
  const row = await db.from('test_register_documents').where({ aoo, id }).first()
  if (!row) return null
  const files = await db.from('test_register_files').where('document_id', id).orderBy('position')
  const folders = await db
    .from('test_register_folder_documents')
    .where('document_id', id)
    .select('folder_id')
  return {
    ...toStored(row),
    kind: row.kind as string,
    subject: row.subject as string,
    correspondent: JSON.parse(row.correspondent),
    classification: row.classification as string | null,
    inReplyTo: row.in_reply_to as number | null,
    files: files.map((file) => ({
      filename: file.filename as string,
      contentType: file.content_type as string,
      sha256: file.sha256 as string,
      contentBase64: file.content_base64 as string,
    })),
    folderIds: folders.map((folder) => String(folder.folder_id)),
  }
}

export async function openFolder(input: {
  aoo: string
  subject: string
  classification?: string | null
  externalKey: string
}) {
  return db.transaction(async (trx) => {
    const existing = await trx
      .from('test_register_folders')
      .where({ aoo: input.aoo, external_key: input.externalKey })
      .first()
    if (existing) return existing
    const year = new Date().getFullYear()
    const sequence = await nextNumber(trx, input.aoo, year, 'folder')
    const [inserted] = await trx
      .table('test_register_folders')
      .insert({
        aoo: input.aoo,
        number: `${year}/${input.classification ?? '0'}/${sequence}`,
        subject: input.subject,
        classification: input.classification ?? null,
        external_key: input.externalKey,
      })
      .returning('id')
    return trx.from('test_register_folders').where('id', insertedId(inserted)).first()
  })
}

/** Files a document in a folder of the same AOO; false when either is unknown. */
export async function fileInFolder(aoo: string, folderId: number, documentId: number) {
  if (!Number.isInteger(folderId) || !Number.isInteger(documentId)) return false
  const folder = await db.from('test_register_folders').where({ aoo, id: folderId }).first()
  const document = await db.from('test_register_documents').where({ aoo, id: documentId }).first()
  if (!folder || !document) return false
  const filed = await db
    .from('test_register_folder_documents')
    .where({ folder_id: folderId, document_id: documentId })
    .first()
  if (!filed) {
    await db
      .table('test_register_folder_documents')
      .insert({ folder_id: folderId, document_id: documentId })
  }
  return true
}

export async function countDocuments() {
  const [row] = await db.from('test_register_documents').count('* as total')
  return Number(row.total)
}
