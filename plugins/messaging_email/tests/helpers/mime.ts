/**
 * Just enough MIME to check what the SMTP sink received: headers with
 * RFC 2047 encoded words, nested multiparts, base64 and quoted-printable
 * bodies. Test helper, not a general parser.
 */
export interface ReadMail {
  headers: Map<string, string>
  subject: string
  text: string
  html: string
  attachments: Array<{ filename: string; size: number; contentType: string }>
}

export function readMail(raw: string): ReadMail {
  const top = splitPart(raw)
  const mail: ReadMail = {
    headers: top.headers,
    subject: decodeWords(top.headers.get('subject') ?? ''),
    text: '',
    html: '',
    attachments: [],
  }
  collect(top, mail)
  return mail
}

type Part = { headers: Map<string, string>; body: string }

function splitPart(source: string): Part {
  const end = source.indexOf('\r\n\r\n')
  const head = end === -1 ? source : source.slice(0, end)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body: end === -1 ? '' : source.slice(end + 4) }
}

function collect(part: Part, mail: ReadMail) {
  const type = part.headers.get('content-type') ?? 'text/plain'
  const boundary = parameter(type, 'boundary')
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = part.body.split(`--${boundary}`).slice(1)
    for (const section of sections) {
      if (section.startsWith('--')) break
      collect(splitPart(section.replace(/^\r\n/, '')), mail)
    }
    return
  }
  const content = decodeBody(part.body, part.headers.get('content-transfer-encoding') ?? '7bit')
  const disposition = part.headers.get('content-disposition') ?? ''
  const filename = parameter(disposition, 'filename') ?? parameter(type, 'name')
  if (disposition.toLowerCase().startsWith('attachment') || filename) {
    mail.attachments.push({
      filename: decodeWords(filename ?? ''),
      size: content.length,
      contentType: type.split(';')[0],
    })
  } else if (type.toLowerCase().startsWith('text/html')) {
    mail.html += content.toString('utf8')
  } else if (type.toLowerCase().startsWith('text/plain')) {
    mail.text += content.toString('utf8')
  }
}

function parameter(header: string, name: string) {
  return new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header)?.[1]
}

function decodeBody(body: string, encoding: string): Buffer {
  const trimmed = body.replace(/\r\n$/, '')
  if (/base64/i.test(encoding)) return Buffer.from(trimmed.replace(/\s+/g, ''), 'base64')
  if (/quoted-printable/i.test(encoding)) return quotedPrintable(trimmed.replace(/=\r\n/g, ''))
  return Buffer.from(trimmed, 'utf8')
}

function quotedPrintable(text: string): Buffer {
  const bytes: number[] = []
  for (let index = 0; index < text.length; index++) {
    const hex = text.slice(index + 1, index + 3)
    if (text[index] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16))
      index += 2
    } else {
      bytes.push(...Buffer.from(text[index], 'utf8'))
    }
  }
  return Buffer.from(bytes)
}

/** RFC 2047: adjacent encoded words join without the whitespace between them. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) => {
      const bytes = [...run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)].map(([, kind, data]) =>
        kind.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : quotedPrintable(data.replace(/_/g, ' '))
      )
      return Buffer.concat(bytes).toString('utf8')
    })
}
