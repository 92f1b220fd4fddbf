import type { BrowserTransport } from '../contract.js'
import { encodePostMessage, redirectUrl, type MessageKind } from './bindings.js'
import { NAMEID_FORMAT, NS, STATUS } from './constants.js'
import { refusal } from './refusals.js'
import { signXml } from './signature.js'
import { samlInstant } from './time.js'
import type { SigningCredentials } from './x509.js'
import { childElements, escapeXml as x, filledAttribute, filledText } from './xml.js'

/**
 * Single Logout messages (SAML core 3.7), signed as SPID asks, shared by
 * the SP plugins and the development IdP.
 */

export interface LogoutParty {
  entityId: string
  credentials: SigningCredentials
}

function issuer(entityId: string) {
  return `<saml:Issuer Format="${NAMEID_FORMAT.entity}" NameQualifier="${x(entityId)}">${x(entityId)}</saml:Issuer>`
}

/** Signs `xml` for the binding and wraps it in what the browser carries. */
export function sendMessage(
  kind: MessageKind,
  xml: string,
  options: {
    id: string
    localName: string
    destination: string
    binding: 'post' | 'redirect'
    relayState?: string
    credentials: SigningCredentials
  }
): BrowserTransport {
  if (options.binding === 'redirect') {
    return {
      kind: 'redirect',
      url: redirectUrl(options.destination, kind, xml, {
        relayState: options.relayState,
        privateKey: options.credentials.privateKey,
      }),
    }
  }
  const signed = signXml(xml, {
    element: { localName: options.localName, id: options.id },
    credentials: options.credentials,
    placement: 'after-issuer',
  })
  const fields: Record<string, string> = { [kind]: encodePostMessage(signed) }
  if (options.relayState !== undefined) fields.RelayState = options.relayState
  return { kind: 'form', action: options.destination, fields }
}

export function logoutRequestXml(input: {
  id: string
  from: string
  destination: string
  nameId: string
  /** the IdP that issued the NameID */
  nameQualifier: string
  sessionIndex?: string
  now?: Date
}): string {
  const sessionIndex = input.sessionIndex
    ? `<samlp:SessionIndex>${x(input.sessionIndex)}</samlp:SessionIndex>`
    : ''
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `ID="${x(input.id)}" Version="2.0" IssueInstant="${samlInstant(input.now ?? new Date())}" ` +
    `Destination="${x(input.destination)}">` +
    issuer(input.from) +
    `<saml:NameID Format="${NAMEID_FORMAT.transient}" NameQualifier="${x(input.nameQualifier)}">${x(input.nameId)}</saml:NameID>` +
    sessionIndex +
    `</samlp:LogoutRequest>`
  )
}

export function logoutResponseXml(input: {
  id: string
  from: string
  destination: string
  inResponseTo: string
  success: boolean
  now?: Date
}): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `ID="${x(input.id)}" Version="2.0" IssueInstant="${samlInstant(input.now ?? new Date())}" ` +
    `Destination="${x(input.destination)}" InResponseTo="${x(input.inResponseTo)}">` +
    issuer(input.from) +
    `<samlp:Status><samlp:StatusCode Value="${input.success ? STATUS.success : STATUS.responder}"/></samlp:Status>` +
    `</samlp:LogoutResponse>`
  )
}

/** What a verified LogoutRequest asks to end. */
export interface LogoutRequestContent {
  id: string
  nameId: string
  sessionIndex?: string
}

export function readLogoutRequest(root: Element): LogoutRequestContent {
  if (root.namespaceURI !== NS.protocol || root.localName !== 'LogoutRequest') {
    throw refusal('logout_message_invalid')
  }
  const id = filledAttribute(root, 'ID')
  const nameIdElement = childElements(root, NS.assertion, 'NameID')[0]
  const nameId = nameIdElement && filledText(nameIdElement)
  if (!id || !nameId) throw refusal('logout_message_invalid')
  const sessionIndex = childElements(root, NS.protocol, 'SessionIndex')[0]
  return { id, nameId, sessionIndex: (sessionIndex && filledText(sessionIndex)) ?? undefined }
}

/** The request a verified LogoutResponse answers, and whether it succeeded. */
export function readLogoutResponse(
  root: Element,
  expectedDestination: string
): { inResponseTo: string; success: boolean } {
  if (root.namespaceURI !== NS.protocol || root.localName !== 'LogoutResponse') {
    throw refusal('logout_message_invalid')
  }
  const inResponseTo = filledAttribute(root, 'InResponseTo')
  if (!inResponseTo) throw refusal('in_response_to_missing')
  const destination = filledAttribute(root, 'Destination')
  if (destination !== null && destination !== expectedDestination) {
    throw refusal('destination_mismatch')
  }
  const status = childElements(root, NS.protocol, 'Status')[0]
  const code = status && childElements(status, NS.protocol, 'StatusCode')[0]
  return { inResponseTo, success: !!code && filledAttribute(code, 'Value') === STATUS.success }
}
