import { createSign, createVerify } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { SIGNATURE_ALGORITHM } from './constants.js'
import { MAX_XML_BYTES, XmlParseError } from './xml.js'

/**
 * The two SAML bindings a browser carries: HTTP-POST (base64 XML in a form,
 * signed inside the XML) and HTTP-Redirect (deflated XML in the query,
 * signed over the query string: SAML bindings 3.4.4.1).
 */

export type MessageKind = 'SAMLRequest' | 'SAMLResponse'

const REDIRECT_SIGNATURE_ALGORITHMS: Record<string, string> = {
  [SIGNATURE_ALGORITHM.rsaSha256]: 'RSA-SHA256',
  [SIGNATURE_ALGORITHM.rsaSha512]: 'RSA-SHA512',
}

export function encodePostMessage(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64')
}

export function decodePostMessage(value: string): string {
  const xml = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (!xml.trim().startsWith('<')) throw new XmlParseError('not a base64 XML message')
  return xml
}

/** The destination URL carrying a deflated, signed message (HTTP-Redirect). */
export function redirectUrl(
  destination: string,
  kind: MessageKind,
  xml: string,
  options: { relayState?: string; privateKey: string }
): string {
  const parameters: Array<[string, string]> = [
    [kind, deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64')],
  ]
  if (options.relayState !== undefined) parameters.push(['RelayState', options.relayState])
  parameters.push(['SigAlg', SIGNATURE_ALGORITHM.rsaSha256])
  const signed = parameters.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')
  const signature = createSign('RSA-SHA256').update(signed).sign(options.privateKey, 'base64')
  const url = new URL(destination)
  const separator = url.search ? '&' : '?'
  return `${url.href}${separator}${signed}&Signature=${encodeURIComponent(signature)}`
}

/** The raw (still URL-encoded) values of a query string, as they were signed. */
function rawQueryValues(url: string): Map<string, string> {
  const query = new URL(url, 'http://localhost').search.replace(/^\?/, '')
  const values = new Map<string, string>()
  for (const pair of query.split('&')) {
    const [name, ...rest] = pair.split('=')
    if (name && !values.has(name)) values.set(name, rest.join('='))
  }
  return values
}

const decodeQueryValue = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '))

export type RedirectMessage =
  | { ok: true; kind: MessageKind; xml: string; relayState?: string }
  | { ok: false; problem: 'missing' | 'signature_missing' | 'signature_invalid' }

/**
 * Reads an HTTP-Redirect message from a request URL and checks its query
 * signature against trusted certificates. An unsigned message is refused:
 * SPID signs every message.
 */
export function readRedirectMessage(url: string, certificates: string[]): RedirectMessage {
  const values = rawQueryValues(url)
  const kind: MessageKind | undefined = values.has('SAMLRequest')
    ? 'SAMLRequest'
    : values.has('SAMLResponse')
      ? 'SAMLResponse'
      : undefined
  if (!kind) return { ok: false, problem: 'missing' }
  const sigAlg = values.get('SigAlg')
  const signature = values.get('Signature')
  if (!sigAlg || !signature) return { ok: false, problem: 'signature_missing' }
  const algorithm = REDIRECT_SIGNATURE_ALGORITHMS[decodeQueryValue(sigAlg)]
  if (!algorithm) return { ok: false, problem: 'signature_invalid' }

  const signed = [kind, 'RelayState', 'SigAlg']
    .filter((name) => values.has(name))
    .map((name) => `${name}=${values.get(name)}`)
    .join('&')
  const signatureBytes = Buffer.from(decodeQueryValue(signature), 'base64')
  const verified = certificates.some((certificate) => {
    try {
      return createVerify(algorithm).update(signed).verify(certificate, signatureBytes)
    } catch {
      return false
    }
  })
  if (!verified) return { ok: false, problem: 'signature_invalid' }

  const xml = inflateRawSync(Buffer.from(decodeQueryValue(values.get(kind)!), 'base64'), {
    maxOutputLength: MAX_XML_BYTES,
  }).toString('utf8')
  const relayState = values.has('RelayState')
    ? decodeQueryValue(values.get('RelayState')!)
    : undefined
  return { ok: true, kind, xml, relayState }
}
