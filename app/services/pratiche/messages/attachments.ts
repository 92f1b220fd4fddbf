import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { EnteRef } from '#models/mixins/tenant_owned'
import { acceptUpload, uploadsOf, type ContentCheck } from '#services/forms/uploads'
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

/** The manual's extension list, each file checked by content too. */
const ATTACHMENT_CONTENT_CHECK: ContentCheck = {
  sampleBytes: CONTENT_SAMPLE_BYTES,
  check: checkAttachmentContent,
}

export function acceptAttachment(ente: EnteRef, owner: string, file: MultipartFile) {
  return acceptUpload(
    ente,
    owner,
    ATTACHMENT_FIELD,
    MESSAGE_ATTACHMENT_RULES,
    file,
    ATTACHMENT_CONTENT_CHECK
  )
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
