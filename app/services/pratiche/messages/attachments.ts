import { randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import Upload from '#models/upload'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { extensionOf, fileProblem } from '#domain/forms/rules/files'
import { uploadsOf } from '#services/forms/uploads'
import {
  checkAttachmentContent,
  CONTENT_SAMPLE_BYTES,
  MESSAGE_ATTACHMENT_RULES,
} from '#services/pratiche/messages/attachment_types'

/**
 * The files of a message being written. They are checked (type and size
 * by the form engine's rule, then content), stored on the drive disk and
 * kept under the draft owner the message form carries, so that a message
 * sent back with an error keeps the files already accepted; `postMessage`
 * adopts them when the message is sent.
 */
export const ATTACHMENT_FIELD = 'allegati'

async function sample(path: string) {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(CONTENT_SAMPLE_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, CONTENT_SAMPLE_BYTES, 0)
    return new Uint8Array(buffer.subarray(0, bytesRead))
  } finally {
    await handle.close()
  }
}

export type AttachmentOutcome =
  { upload: Upload; error?: undefined } | { upload?: undefined; error: string }

export async function acceptAttachment(
  ente: EnteRef,
  owner: string,
  file: MultipartFile
): Promise<AttachmentOutcome> {
  const problem = fileProblem(MESSAGE_ATTACHMENT_RULES, { name: file.clientName, size: file.size })
  if (problem) return { error: problem }
  if (!file.tmpPath)
    return { error: `Il file «${file.clientName}» non è arrivato per intero: riprova.` }
  const checked = checkAttachmentContent(file.clientName, await sample(file.tmpPath))
  if (checked.error !== undefined) return { error: checked.error }

  const id = randomUUID()
  const extension = extensionOf(file.clientName)
  const diskKey = `uploads/${ente.id}/${id}.${extension}`
  await drive.use().putStream(diskKey, createReadStream(file.tmpPath))
  const upload = await Upload.create({
    id,
    enteId: ente.id,
    owner,
    field: ATTACHMENT_FIELD,
    clientName: file.clientName.slice(0, 255),
    extension,
    mimeType: checked.mime,
    size: file.size,
    diskKey,
  })
  return { upload }
}

/** Accepts every file; the refused ones give their reason. */
export async function acceptAttachments(ente: EnteRef, owner: string, files: MultipartFile[]) {
  const errors: string[] = []
  for (const file of files) {
    const { error } = await acceptAttachment(ente, owner, file)
    if (error) errors.push(error)
  }
  return { errors, kept: await uploadsOf(ente, owner) }
}
