import drive from '@adonisjs/drive/services/main'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Sends a stored file as a download: streamed from the drive disk, with
 * its type, its original name (RFC 6266: an ASCII fallback plus the UTF-8
 * name) and no chance for the browser to sniff it into something else.
 * Callers check first who is asking.
 */
export interface StoredFile {
  diskKey: string
  mimeType: string
  name: string
}

export function contentDisposition(name: string) {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  )
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

export async function sendStoredFile(response: HttpContext['response'], file: StoredFile) {
  const stream = await drive.use().getStream(file.diskKey)
  response.header('Content-Type', file.mimeType)
  response.header('Content-Disposition', contentDisposition(file.name))
  response.header('X-Content-Type-Options', 'nosniff')
  response.header('Cache-Control', 'private, no-store')
  response.stream(stream)
}
