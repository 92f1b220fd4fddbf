import { randomBytes, randomUUID } from 'node:crypto'
import type { BrowserTransport, LoginLevel } from '../contract.js'
import { encodePostMessage, redirectUrl } from './bindings.js'
import { classRefOf, NAMEID_FORMAT, NS, type BindingName } from './constants.js'
import type { IdentityProviderMetadata } from './idp_metadata.js'
import {
  ACS_INDEX,
  ATTRIBUTE_SERVICE_INDEX,
  type ServiceProviderSettings,
} from './service_provider.js'
import { signXml } from './signature.js'
import { samlInstant } from './time.js'
import { escapeXml as x } from './xml.js'

export interface AuthnRequestInput {
  sp: ServiceProviderSettings
  idp: IdentityProviderMetadata
  level: LoginLevel
  /** re-authenticate even with an IdP session; always on at levels 2 and 3 */
  forceAuthn?: boolean
  /** preferred binding; the other one when the IdP lacks it */
  binding?: BindingName
  now?: Date
}

export interface BuiltAuthnRequest {
  id: string
  issueInstant: string
  binding: BindingName
  destination: string
  xml: string
  /** sent along as RelayState: random, so it tells the IdP nothing about the citizen */
  relayState: string
  transport: BrowserTransport
}

/** Every ID we write: an NCName, unpredictable. */
export function newMessageId() {
  return `_${randomUUID()}`
}

/**
 * A SPID/CIE AuthnRequest (AgID technical rules, pages 8-10): Issuer with
 * Format entity and NameQualifier, ForceAuthn at levels 2 and 3, no
 * IsPassive, the ACS and attribute-service indexes of the metadata,
 * NameIDPolicy transient without AllowCreate, RequestedAuthnContext
 * minimum. HTTP-POST: signed XML, the signature right after the Issuer;
 * HTTP-Redirect: the query is signed instead.
 */
export function buildAuthnRequest(input: AuthnRequestInput): BuiltAuthnRequest {
  const { sp, idp, level } = input
  const binding = pickBinding(idp, input.binding ?? 'post')
  const destination = idp.sso[binding]!
  const id = newMessageId()
  const issueInstant = samlInstant(input.now ?? new Date())
  const forceAuthn = input.forceAuthn || level > 1
  const unsigned =
    `<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `ID="${id}" Version="2.0" IssueInstant="${issueInstant}" Destination="${x(destination)}" ` +
    (forceAuthn ? 'ForceAuthn="true" ' : '') +
    `AssertionConsumerServiceIndex="${ACS_INDEX}" AttributeConsumingServiceIndex="${ATTRIBUTE_SERVICE_INDEX}">` +
    `<saml:Issuer Format="${NAMEID_FORMAT.entity}" NameQualifier="${x(sp.entityId)}">${x(sp.entityId)}</saml:Issuer>` +
    `<samlp:NameIDPolicy Format="${NAMEID_FORMAT.transient}"/>` +
    `<samlp:RequestedAuthnContext Comparison="minimum">` +
    `<saml:AuthnContextClassRef>${classRefOf(level)}</saml:AuthnContextClassRef>` +
    `</samlp:RequestedAuthnContext>` +
    `</samlp:AuthnRequest>`
  const relayState = randomBytes(16).toString('base64url')

  if (binding === 'redirect') {
    return {
      id,
      issueInstant,
      binding,
      destination,
      xml: unsigned,
      relayState,
      transport: {
        kind: 'redirect',
        url: redirectUrl(destination, 'SAMLRequest', unsigned, {
          relayState,
          privateKey: sp.credentials.privateKey,
        }),
      },
    }
  }
  const xml = signXml(unsigned, {
    element: { localName: 'AuthnRequest', id },
    credentials: sp.credentials,
    placement: 'after-issuer',
  })
  return {
    id,
    issueInstant,
    binding,
    destination,
    xml,
    relayState,
    transport: {
      kind: 'form',
      action: destination,
      fields: { SAMLRequest: encodePostMessage(xml), RelayState: relayState },
    },
  }
}

export function pickBinding(
  idp: Pick<IdentityProviderMetadata, 'sso'>,
  preferred: BindingName
): BindingName {
  if (idp.sso[preferred]) return preferred
  return preferred === 'post' ? 'redirect' : 'post'
}
