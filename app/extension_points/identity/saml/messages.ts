import { inflateRawSync } from 'node:zlib'
import type { PluginHttpRequest } from '../../define_plugin.js'
import { decodePostMessage, readRedirectMessage, type MessageKind } from './bindings.js'
import { NS } from './constants.js'
import { refusal } from './refusals.js'
import { checkEnvelopedSignature, duplicateIds } from './signature.js'
import { childElements, filledText, MAX_XML_BYTES, parseXml } from './xml.js'

/** A SAML protocol message that came signed by the party it names as Issuer. */
export interface SignedMessage {
  kind: MessageKind
  binding: 'post' | 'redirect'
  document: Document
  root: Element
  issuer: string
  relayState?: string
}

function field(source: unknown, name: string): string | undefined {
  const value = (source as Record<string, unknown> | null)?.[name]
  return typeof value === 'string' && value ? value : undefined
}

function issuerOf(root: Element): string {
  const element = childElements(root, NS.assertion, 'Issuer')[0]
  const issuer = element && filledText(element)
  if (!issuer) throw refusal('issuer_missing')
  return issuer
}

function parse(xml: string) {
  try {
    return parseXml(xml)
  } catch (error) {
    throw refusal('xml_not_parsable', { cause: error })
  }
}

/**
 * Reads a SAMLRequest or SAMLResponse (LogoutRequest, LogoutResponse,
 * AuthnRequest) from either binding and checks it is signed by its Issuer:
 * `certificatesFor` answers the Issuer's certificates, or null when the
 * Issuer is not a party we deal with.
 */
export async function readSignedMessage(
  request: PluginHttpRequest,
  certificatesFor: (issuer: string) => Promise<string[] | null>
): Promise<SignedMessage> {
  const posted = field(request.body, 'SAMLRequest') ?? field(request.body, 'SAMLResponse')
  if (request.method === 'POST' && posted) {
    const kind: MessageKind = field(request.body, 'SAMLRequest') ? 'SAMLRequest' : 'SAMLResponse'
    let xml: string
    try {
      xml = decodePostMessage(posted)
    } catch (error) {
      throw refusal('xml_not_parsable', { cause: error })
    }
    const document = parse(xml)
    const root = document.documentElement
    const issuer = issuerOf(root)
    const certificates = await certificatesFor(issuer)
    if (!certificates) throw refusal('issuer_mismatch')
    if (duplicateIds(document).length > 0) throw refusal('duplicate_id')
    const problem = checkEnvelopedSignature(xml, root, certificates)
    if (problem === 'missing') throw refusal('message_signature_missing')
    if (problem) throw refusal('message_signature_invalid')
    return {
      kind,
      binding: 'post',
      document,
      root,
      issuer,
      relayState: field(request.body, 'RelayState'),
    }
  }

  const query = new URL(request.url, 'http://localhost').searchParams
  const deflated = query.get('SAMLRequest') ?? query.get('SAMLResponse')
  if (!deflated) throw refusal('saml_response_missing')
  let unverified: Document
  try {
    unverified = parseXml(
      inflateRawSync(Buffer.from(deflated, 'base64'), { maxOutputLength: MAX_XML_BYTES }).toString(
        'utf8'
      )
    )
  } catch (error) {
    throw refusal('xml_not_parsable', { cause: error })
  }
  // the Issuer picks the certificates; nothing else is read before the signature holds
  const certificates = await certificatesFor(issuerOf(unverified.documentElement))
  if (!certificates) throw refusal('issuer_mismatch')
  const message = readRedirectMessage(request.url, certificates)
  if (!message.ok) {
    throw refusal(
      message.problem === 'signature_invalid'
        ? 'message_signature_invalid'
        : 'message_signature_missing'
    )
  }
  const document = parse(message.xml)
  return {
    kind: message.kind,
    binding: 'redirect',
    document,
    root: document.documentElement,
    issuer: issuerOf(document.documentElement),
    relayState: message.relayState,
  }
}
