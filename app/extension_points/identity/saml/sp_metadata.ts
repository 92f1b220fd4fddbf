import { randomUUID } from 'node:crypto'
import { BINDING, NAMEID_FORMAT, NS } from './constants.js'
import { signXml } from './signature.js'
import { certificateBody } from './x509.js'
import { escapeXml as x } from './xml.js'
import {
  ACS_INDEX,
  ATTRIBUTE_SERVICE_INDEX,
  type ServiceProviderSettings,
} from './service_provider.js'

/**
 * The SP metadata an ente registers with AgID (SPID, Avviso n. 29 v3 for a
 * public body) or with the Ministero dell'Interno (CIE): signed, Italian
 * Organization, the public-body contact extensions.
 */
export function buildSpMetadata(sp: ServiceProviderSettings): string {
  const id = `_${randomUUID()}`
  const extensionsNs = sp.profile === 'spid' ? `xmlns:spid="${NS.spid}"` : `xmlns:cie="${NS.cie}"`
  const xml =
    `<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.ds}" ${extensionsNs} ` +
    `ID="${id}" entityID="${x(sp.entityId)}">` +
    spDescriptor(sp) +
    organization(sp) +
    (sp.profile === 'spid' ? spidContact(sp) : cieContact(sp)) +
    `</md:EntityDescriptor>`
  return signXml(xml, {
    element: { localName: 'EntityDescriptor', id },
    credentials: sp.credentials,
    placement: 'first-child',
  })
}

function spDescriptor(sp: ServiceProviderSettings) {
  const slo = (binding: string) =>
    `<md:SingleLogoutService Binding="${binding}" Location="${x(sp.sloUrl)}"/>`
  const attributes = sp.attributes.map((name) => `<md:RequestedAttribute Name="${x(name)}"/>`)
  return (
    `<md:SPSSODescriptor protocolSupportEnumeration="${NS.protocol}" ` +
    `AuthnRequestsSigned="true" WantAssertionsSigned="true">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>` +
    certificateBody(sp.credentials.certificate) +
    `</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    slo(BINDING.post) +
    slo(BINDING.redirect) +
    `<md:NameIDFormat>${NAMEID_FORMAT.transient}</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="${BINDING.post}" Location="${x(sp.acsUrl)}" ` +
    `index="${ACS_INDEX}" isDefault="true"/>` +
    `<md:AttributeConsumingService index="${ATTRIBUTE_SERVICE_INDEX}">` +
    `<md:ServiceName xml:lang="it">${x(sp.serviceName)}</md:ServiceName>` +
    attributes.join('') +
    `</md:AttributeConsumingService>` +
    `</md:SPSSODescriptor>`
  )
}

function organization({ organization: org }: ServiceProviderSettings) {
  return (
    `<md:Organization>` +
    `<md:OrganizationName xml:lang="it">${x(org.name)}</md:OrganizationName>` +
    `<md:OrganizationDisplayName xml:lang="it">${x(org.displayName)}</md:OrganizationDisplayName>` +
    `<md:OrganizationURL xml:lang="it">${x(org.url)}</md:OrganizationURL>` +
    `</md:Organization>`
  )
}

function telephone(value: string | undefined) {
  return value ? `<md:TelephoneNumber>${x(value)}</md:TelephoneNumber>` : ''
}

/** SPID: contactType "other" with IPACode and Public (Avviso n. 29 v3). */
function spidContact({ contact }: ServiceProviderSettings) {
  return (
    `<md:ContactPerson contactType="other">` +
    `<md:Extensions><spid:IPACode>${x(contact.ipaCode)}</spid:IPACode><spid:Public/></md:Extensions>` +
    `<md:EmailAddress>${x(contact.email)}</md:EmailAddress>` +
    telephone(contact.telephone) +
    `</md:ContactPerson>`
  )
}

/** CIE: an administrative contact with Public, IPACode, Municipality (and Province). */
function cieContact({ contact, organization: org }: ServiceProviderSettings) {
  const municipality = contact.municipality
    ? `<cie:Municipality>${x(contact.municipality)}</cie:Municipality>`
    : ''
  const province = contact.province ? `<cie:Province>${x(contact.province)}</cie:Province>` : ''
  return (
    `<md:ContactPerson contactType="administrative">` +
    `<md:Extensions><cie:Public/><cie:IPACode>${x(contact.ipaCode)}</cie:IPACode>` +
    municipality +
    province +
    `</md:Extensions>` +
    `<md:Company>${x(contact.company ?? org.name)}</md:Company>` +
    `<md:EmailAddress>${x(contact.email)}</md:EmailAddress>` +
    telephone(contact.telephone) +
    `</md:ContactPerson>`
  )
}
