import type { FileRules } from '#domain/forms/types'
import { DEFAULT_MAX_SIZE, extensionOf, listTypes } from '#domain/forms/rules/files'
import { detectFile } from '#domain/forms/checks/file_signatures'
import type { ContentVerdict } from '#services/forms/uploads'

/**
 * What a message may carry: the manual's list of formats ("Allega
 * eventuali documenti in uno dei seguenti formati: ..."), up to the form
 * engine's default size. Every file is checked by content too: the form
 * engine recognises images, PDF, zip-based documents and signed files;
 * this adds the rest of the list (old Office files, RTF, WebP, icons and
 * plain text formats), so that a renamed program is refused whatever
 * extension it wears.
 */
export const MESSAGE_ATTACHMENT_TYPES = [
  'doc',
  'docx',
  'odt',
  'pdf',
  'xls',
  'xlsx',
  'ods',
  'ppt',
  'pptx',
  'odp',
  'csv',
  'xml',
  'rtf',
  'abw',
  'txt',
  'jpeg',
  'jpg',
  'png',
  'apng',
  'webp',
  'ico',
  'gif',
  'p7',
  'p7m',
  'xp7m',
  'p7c',
  'zip',
]

export const MESSAGE_ATTACHMENT_RULES: FileRules = {
  types: MESSAGE_ATTACHMENT_TYPES,
  maxSize: DEFAULT_MAX_SIZE,
  minSize: 0,
  multiple: true,
}

/** The manual's sentence under "Carica allegato". */
export function attachmentFormatsHint() {
  return `Allega eventuali documenti in uno dei seguenti formati: ${MESSAGE_ATTACHMENT_TYPES.join(', ')}.`
}

/** How much of a file the content check reads. */
export const CONTENT_SAMPLE_BYTES = 4096

type Family = 'ole' | 'zip' | 'pdf' | 'jpeg' | 'png' | 'gif' | 'webp' | 'ico' | 'rtf' | 'p7m'
type Expected = { family: Family } | { text: 'plain' | 'markup' }

/** The content each extension must have, and the type it is served with. */
const EXPECTED: Record<string, Expected & { mime: string }> = {
  doc: { family: 'ole', mime: 'application/msword' },
  xls: { family: 'ole', mime: 'application/vnd.ms-excel' },
  ppt: { family: 'ole', mime: 'application/vnd.ms-powerpoint' },
  docx: {
    family: 'zip',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: {
    family: 'zip',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  pptx: {
    family: 'zip',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  odt: { family: 'zip', mime: 'application/vnd.oasis.opendocument.text' },
  ods: { family: 'zip', mime: 'application/vnd.oasis.opendocument.spreadsheet' },
  odp: { family: 'zip', mime: 'application/vnd.oasis.opendocument.presentation' },
  zip: { family: 'zip', mime: 'application/zip' },
  pdf: { family: 'pdf', mime: 'application/pdf' },
  jpeg: { family: 'jpeg', mime: 'image/jpeg' },
  jpg: { family: 'jpeg', mime: 'image/jpeg' },
  png: { family: 'png', mime: 'image/png' },
  apng: { family: 'png', mime: 'image/apng' },
  gif: { family: 'gif', mime: 'image/gif' },
  webp: { family: 'webp', mime: 'image/webp' },
  ico: { family: 'ico', mime: 'image/vnd.microsoft.icon' },
  rtf: { family: 'rtf', mime: 'application/rtf' },
  p7: { family: 'p7m', mime: 'application/pkcs7-mime' },
  p7m: { family: 'p7m', mime: 'application/pkcs7-mime' },
  p7c: { family: 'p7m', mime: 'application/pkcs7-mime' },
  // XAdES: a signed XML document
  xp7m: { text: 'markup', mime: 'application/xml' },
  xml: { text: 'markup', mime: 'application/xml' },
  abw: { text: 'markup', mime: 'application/x-abiword' },
  csv: { text: 'plain', mime: 'text/csv' },
  txt: { text: 'plain', mime: 'text/plain' },
}

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return signature.every((byte, index) => bytes[offset + index] === byte)
}

function ascii(bytes: Uint8Array, from: number, to: number) {
  return String.fromCharCode(...bytes.subarray(from, to))
}

function binaryFamily(bytes: Uint8Array): Family | null {
  if (startsWith(bytes, OLE)) return 'ole'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp'
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes[4] + bytes[5] > 0) return 'ico'
  if (ascii(bytes, 0, 5) === '{\\rtf') return 'rtf'
  return (detectFile(bytes)?.family as Family | undefined) ?? null
}

/**
 * Text: no control characters but tabs, line and page breaks (a program
 * or an image always has some in its first kilobytes); markup also starts
 * with "<" once a byte-order mark and blanks are skipped.
 */
function isText(bytes: Uint8Array, kind: 'plain' | 'markup') {
  const controls = bytes.some(
    (byte) => (byte < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(byte)) || byte === 0x7f
  )
  if (controls) return false
  if (kind === 'plain') return true
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0
  return ascii(bytes, start, Math.min(bytes.length, start + 256))
    .trimStart()
    .startsWith('<')
}

/**
 * The type to serve a message attachment with, or why it is refused: an
 * extension outside the list, or content that does not match it. `sample`
 * is the start of the file (CONTENT_SAMPLE_BYTES).
 */
export function checkAttachmentContent(name: string, sample: Uint8Array): ContentVerdict {
  const extension = extensionOf(name)
  const expected = EXPECTED[extension]
  if (!expected) {
    return {
      error: `Il file «${name}» non è di un tipo ammesso: puoi caricare solo file ${listTypes(MESSAGE_ATTACHMENT_TYPES)}.`,
    }
  }
  const matches =
    'family' in expected
      ? binaryFamily(sample) === expected.family
      : binaryFamily(sample) === null && sample.length > 0 && isText(sample, expected.text)
  if (!matches) {
    return {
      error: `Il contenuto del file «${name}» non corrisponde a un file ${extension}: carica il documento originale.`,
    }
  }
  return { mime: expected.mime }
}
