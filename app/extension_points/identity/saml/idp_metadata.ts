import { randomUUID } from 'node:crypto'
import { BINDING, NAMEID_FORMAT, NS } from './constants.js'
import { signXml } from './signature.js'
import { certificateBody, pemFromBody, type SigningCredentials } from './x509.js'
import {
  attribute,
  childElements,
  descendants,
  escapeXml as x,
  filledText,
  MAX_METADATA_BYTES,
  parseXml,
} from './xml.js'

/** What an SP needs to know of an IdP, read from its metadata. */
export interface IdentityProviderMetadata {
  entityId: string
  /** OrganizationDisplayName (or Name), when the metadata has one */
  name?: string
  /** signing certificates, PEM */
  certificates: string[]
  /** SingleSignOnService Location per binding */
  sso: Partial<Record<'post' | 'redirect', string>>
  /** SingleLogoutService per binding: where requests go, and where responses go */
  slo: Partial<Record<'post' | 'redirect', { location: string; responseLocation: string }>>
}

const BINDING_NAMES: Record<string, 'post' | 'redirect'> = {
  [BINDING.post]: 'post',
  [BINDING.redirect]: 'redirect',
}

/**
 * Every IdP in a metadata document: one EntityDescriptor, or the AgID
 * registry's aggregated EntitiesDescriptor. Entities without an
 * IDPSSODescriptor, a signing certificate or an SSO endpoint are left out.
 * Throws XmlParseError when the document is not XML.
 */
export function parseIdpMetadata(xml: string): IdentityProviderMetadata[] {
  const document = parseXml(xml, MAX_METADATA_BYTES)
  return descendants(document, NS.metadata, 'EntityDescriptor').flatMap((entity) => {
    const descriptor = childElements(entity, NS.metadata, 'IDPSSODescriptor')[0]
    const entityId = attribute(entity, 'entityID')
    if (!descriptor || !entityId) return []
    const certificates = childElements(descriptor, NS.metadata, 'KeyDescriptor')
      .filter((key) => (attribute(key, 'use') ?? 'signing') === 'signing')
      .flatMap((key) => descendants(key, NS.ds, 'X509Certificate'))
      .map((element) => filledText(element))
      .filter((body): body is string => !!body)
      .map(pemFromBody)
    const idp: IdentityProviderMetadata = { entityId, certificates, sso: {}, slo: {} }
    for (const service of childElements(descriptor, NS.metadata, 'SingleSignOnService')) {
      const binding = BINDING_NAMES[attribute(service, 'Binding') ?? '']
      const location = attribute(service, 'Location')
      if (binding && location) idp.sso[binding] ??= location
    }
    for (const service of childElements(descriptor, NS.metadata, 'SingleLogoutService')) {
      const binding = BINDING_NAMES[attribute(service, 'Binding') ?? '']
      const location = attribute(service, 'Location')
      if (binding && location) {
        idp.slo[binding] ??= {
          location,
          responseLocation: attribute(service, 'ResponseLocation') || location,
        }
      }
    }
    const organization = childElements(entity, NS.metadata, 'Organization')[0]
    const displayName =
      organization &&
      (childElements(organization, NS.metadata, 'OrganizationDisplayName')[0] ??
        childElements(organization, NS.metadata, 'OrganizationName')[0])
    if (displayName) idp.name = filledText(displayName) ?? undefined
    const usable = certificates.length > 0 && (idp.sso.post || idp.sso.redirect)
    return usable ? [idp] : []
  })
}

/** Signed metadata of an IdP (the development IdP and the tests' fixture IdP publish it). */
export function buildIdpMetadata(idp: {
  entityId: string
  credentials: SigningCredentials
  ssoUrl: string
  sloUrl: string
  organizationName: string
}): string {
  const id = `_${randomUUID()}`
  const endpoints = (element: string, url: string) =>
    [BINDING.redirect, BINDING.post]
      .map((binding) => `<md:${element} Binding="${binding}" Location="${x(url)}"/>`)
      .join('')
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.ds}" ID="${id}" entityID="${x(idp.entityId)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="${NS.protocol}" WantAuthnRequestsSigned="true">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>` +
    certificateBody(idp.credentials.certificate) +
    `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    endpoints('SingleLogoutService', idp.sloUrl) +
    `<md:NameIDFormat>${NAMEID_FORMAT.transient}</md:NameIDFormat>` +
    endpoints('SingleSignOnService', idp.ssoUrl) +
    `</md:IDPSSODescriptor>` +
    `<md:Organization>` +
    `<md:OrganizationName xml:lang="it">${x(idp.organizationName)}</md:OrganizationName>` +
    `<md:OrganizationDisplayName xml:lang="it">${x(idp.organizationName)}</md:OrganizationDisplayName>` +
    `<md:OrganizationURL xml:lang="it">${x(new URL(idp.ssoUrl).origin)}</md:OrganizationURL>` +
    `</md:Organization>` +
    `</md:EntityDescriptor>`
  return signXml(xml, {
    element: { localName: 'EntityDescriptor', id },
    credentials: idp.credentials,
    placement: 'first-child',
  })
}
