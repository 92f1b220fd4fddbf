import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Upload from '#models/upload'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { FileRules } from '#domain/forms/types'
import { extensionOf, fileProblem } from '#domain/forms/rules/files'
import { detectFile, EXTENSION_FAMILY, SIGNATURE_BYTES } from '#domain/forms/checks/file_signatures'

/**
 * Files of a form's file fields. Each is checked against the field's
 * rules (type by name, size) and by content (magic bytes: a renamed .exe
 * is refused), then streamed to the drive disk and recorded, owned by the
 * draft it was uploaded into. The pratica adopts its draft's uploads when
 * it is saved (`adoptUploads`).
 */
const DRAFT_TOKEN = /^[0-9a-f-]{36}$/

export function newDraftToken() {
  return randomUUID()
}

/** The owner of a draft's uploads, or null for a token that is not one of ours. */
export function draftOwner(token: unknown): string | null {
  return typeof token === 'string' && DRAFT_TOKEN.test(token) ? `draft:${token}` : null
}

export type UploadOutcome =
  { upload: Upload; error?: undefined } | { upload?: undefined; error: string }

/** The first `bytes` of a file, for content checks. */
async function head(path: string, bytes: number) {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return new Uint8Array(buffer.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

/**
 * How a file's content is checked: the bytes it reads from the start, and
 * the verdict (the detected MIME type, or why the file is refused).
 */
export type ContentVerdict =
  { mime: string; error?: undefined } | { error: string; mime?: undefined }

export interface ContentCheck {
  sampleBytes: number
  check(name: string, sample: Uint8Array): ContentVerdict
}

/** Form file fields: magic bytes of the types the form engine knows. */
export const FORM_CONTENT_CHECK: ContentCheck = {
  sampleBytes: SIGNATURE_BYTES,
  check(name, sample) {
    const problem = contentProblem(name, sample)
    return problem ? { error: problem } : { mime: detectFile(sample)!.mime }
  },
}

/** Why the content of a file does not match its extension, or null. */
export function contentProblem(name: string, bytes: Uint8Array): string | null {
  const extension = extensionOf(name)
  const expected = EXTENSION_FAMILY[extension]
  if (!expected)
    return `Non è possibile verificare il contenuto dei file ${extension}: caricalo in un altro formato.`
  const detected = detectFile(bytes)
  if (detected?.family !== expected) {
    return `Il contenuto del file «${name}» non corrisponde a un file ${extension}: carica il documento originale.`
  }
  return null
}

export async function acceptUpload(
  ente: EnteRef,
  owner: string,
  field: string,
  rules: FileRules,
  file: MultipartFile,
  content: ContentCheck = FORM_CONTENT_CHECK
): Promise<UploadOutcome> {
  const problem = fileProblem(rules, { name: file.clientName, size: file.size })
  if (problem) return { error: problem }
  if (!file.tmpPath)
    return { error: `Il file «${file.clientName}» non è arrivato per intero: riprova.` }
  const verdict = content.check(file.clientName, await head(file.tmpPath, content.sampleBytes))
  if (verdict.error !== undefined) return { error: verdict.error }

  const id = randomUUID()
  const extension = extensionOf(file.clientName)
  const diskKey = `uploads/${ente.id}/${id}.${extension}`
  await drive.use().putStream(diskKey, createReadStream(file.tmpPath))
  const upload = await Upload.create({
    id,
    enteId: ente.id,
    owner,
    field,
    clientName: file.clientName.slice(0, 255),
    extension,
    mimeType: verdict.mime,
    size: file.size,
    diskKey,
  })
  return { upload }
}

export function uploadsOf(ente: EnteRef, owner: string) {
  return Upload.forEnte(ente).where('owner', owner).orderBy('created_at')
}

/** Deletes one of the owner's uploads (and its file); false when it is not theirs. */
export async function removeUpload(ente: EnteRef, owner: string, id: string) {
  const upload = await Upload.forEnte(ente).where('owner', owner).where('id', id).first()
  if (!upload) return false
  await drive.use().delete(upload.diskKey)
  await upload.delete()
  return true
}

/** Hands a draft's uploads to what the draft became (e.g. "pratica:42"), in the caller's transaction. */
export async function adoptUploads(
  ente: EnteRef,
  from: string,
  to: string,
  trx?: TransactionClientContract
) {
  await Upload.query({ client: trx })
    .where('ente_id', ente.id)
    .where('owner', from)
    .update({ owner: to })
}
