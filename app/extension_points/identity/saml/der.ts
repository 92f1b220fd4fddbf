/**
 * Just enough DER (X.690) to write an X.509 certificate: lengths, the
 * universal types a certificate uses, and context tags.
 */

function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length]
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff)
  return [0x80 | bytes.length, ...bytes]
}

export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, ...lengthBytes(content.length)]), content])
}

export const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items))
export const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items))
export const nullValue = () => Buffer.from([0x05, 0x00])
export const booleanTrue = () => Buffer.from([0x01, 0x01, 0xff])
export const octetString = (content: Buffer) => tlv(0x04, content)
export const utf8String = (value: string) => tlv(0x0c, Buffer.from(value, 'utf8'))
export const printableString = (value: string) => tlv(0x13, Buffer.from(value, 'ascii'))
/** [n] EXPLICIT */
export const explicit = (tag: number, content: Buffer) => tlv(0xa0 + tag, content)

/** A non-negative INTEGER from big-endian bytes. */
export function integer(bytes: Buffer): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = bytes.subarray(start)
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed)
}

export function smallInteger(value: number): Buffer {
  return integer(Buffer.from([value]))
}

/** BIT STRING of whole bytes with `unusedBits` unused in the last one. */
export function bitString(content: Buffer, unusedBits = 0): Buffer {
  return tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]))
}

export function objectIdentifier(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      chunk.unshift((value & 0x7f) | 0x80)
    }
    bytes.push(...chunk)
  }
  return tlv(0x06, Buffer.from(bytes))
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
export function time(date: Date): Buffer {
  const iso = date
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')
  return date.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(iso.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(iso, 'ascii'))
}
