/**
 * What a file is, by its first bytes (magic numbers), whatever its name
 * says. p7m is a CMS/PKCS#7 SignedData: DER (a SEQUENCE whose first element
 * is the OID 1.2.840.113549.1.7.2) or the same DER base64-encoded, as
 * many Italian signing tools save it.
 */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]

export type Detected = { family: string; mime: string }

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return signature.every((byte, index) => bytes[offset + index] === byte)
}

function isSignedData(bytes: Uint8Array) {
  if (bytes[0] !== 0x30) return false
  // SEQUENCE with indefinite (0x80), short or long (0x81-0x84) length, then the OID
  const lengthBytes = bytes[1] === 0x80 || bytes[1] < 0x80 ? 1 : 1 + (bytes[1] & 0x7f)
  return startsWith(bytes, SIGNED_DATA_OID, 1 + lengthBytes)
}

function base64Prefix(bytes: Uint8Array): Uint8Array | null {
  const text = String.fromCharCode(...bytes.slice(0, 64)).replace(/\s/g, '')
  if (!/^[A-Za-z0-9+/]{24,}/.test(text)) return null
  const usable = text.slice(0, Math.floor(text.length / 4) * 4)
  try {
    return Uint8Array.from(atob(usable), (char) => char.charCodeAt(0))
  } catch {
    return null
  }
}

export function detectFile(head: Uint8Array): Detected | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { family: 'jpeg', mime: 'image/jpeg' }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { family: 'png', mime: 'image/png' }
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { family: 'gif', mime: 'image/gif' }
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d]))
    return { family: 'pdf', mime: 'application/pdf' }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return { family: 'zip', mime: 'application/zip' }
  if (isSignedData(head)) return { family: 'p7m', mime: 'application/pkcs7-mime' }
  const decoded = base64Prefix(head)
  if (decoded && isSignedData(decoded)) return { family: 'p7m', mime: 'application/pkcs7-mime' }
  return null
}

/** The content family each extension must have. */
export const EXTENSION_FAMILY: Record<string, string> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  pdf: 'pdf',
  p7m: 'p7m',
  zip: 'zip',
  docx: 'zip',
  xlsx: 'zip',
  odt: 'zip',
  ods: 'zip',
}

/** How many leading bytes detectFile needs. */
export const SIGNATURE_BYTES = 64
