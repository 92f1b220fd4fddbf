import type { FileRef, FileRules } from '../types.js'

/**
 * Upload rules of a file field. The manual's default: jpeg, jpg, png, pdf
 * and p7m up to 30 MB. The same checks run in the browser on the chosen
 * file (name and size) and on the server, which also checks the content.
 */
export const DEFAULT_FILE_TYPES = ['jpeg', 'jpg', 'png', 'pdf', 'p7m']
export const DEFAULT_MAX_SIZE = 30 * 1024 * 1024

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }

/** Form.io sizes: "10MB", "30 MB", "1KB", or a number of bytes. */
export function parseSize(value: unknown): number | null {
  if (typeof value === 'number' && value > 0) return value
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(B|KB|MB|GB)?\s*$/i.exec(String(value ?? ''))
  if (!match) return null
  return Math.round(Number(match[1].replace(',', '.')) * UNITS[(match[2] ?? 'B').toUpperCase()])
}

const MIME_EXTENSIONS: Record<string, string[]> = {
  'image/*': ['jpeg', 'jpg', 'png', 'gif'],
  'image/jpeg': ['jpeg', 'jpg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'application/pdf': ['pdf'],
  'application/pkcs7-mime': ['p7m'],
}

/** Form.io `filePattern` (".jpg,.png", "image/*,application/pdf", "*") as extensions; null for any. */
export function patternExtensions(pattern: unknown): string[] | null {
  const parts = String(pattern ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  if (parts.length === 0 || parts.includes('*')) return null
  const extensions = parts.flatMap((part) =>
    part.startsWith('.') ? [part.slice(1)] : (MIME_EXTENSIONS[part] ?? [])
  )
  return [...new Set(extensions)]
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${trimNumber(bytes / 1024 ** 2)} MB`
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} kB`
  return `${bytes} byte`
}

function trimNumber(value: number) {
  return (Math.round(value * 100) / 100).toString().replace('.', ',')
}

/** "jpeg, jpg, png, pdf e p7m" */
export function listTypes(types: string[]) {
  return types.length > 1
    ? `${types.slice(0, -1).join(', ')} e ${types[types.length - 1]}`
    : types.join('')
}

/** The manual's note under an upload field. */
export function filesHint(rules: FileRules) {
  return `Attenzione: puoi caricare solo file ${listTypes(rules.types)}. La dimensione massima è di ${formatSize(rules.maxSize)}.`
}

export function extensionOf(name: string) {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** Why a file (by its name and size) cannot go in a field, or null. Content is checked on the server. */
export function fileProblem(rules: FileRules, file: { name: string; size: number }): string | null {
  if (!rules.types.includes(extensionOf(file.name))) {
    return `Il file «${file.name}» non è di un tipo ammesso: puoi caricare solo file ${listTypes(rules.types)}.`
  }
  if (file.size > rules.maxSize) {
    return `Il file «${file.name}» supera la dimensione massima di ${formatSize(rules.maxSize)}.`
  }
  if (file.size < rules.minSize) {
    return `Il file «${file.name}» è più piccolo della dimensione minima di ${formatSize(rules.minSize)}.`
  }
  return null
}

export function isFileRef(value: unknown): value is FileRef {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as FileRef).id === 'string' &&
    typeof (value as FileRef).name === 'string'
  )
}
