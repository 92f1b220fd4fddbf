import { BINDING, NS } from '../constants.js'
import { pemFromBody } from '../x509.js'
import {
  attribute,
  childElements,
  descendants,
  filledAttribute,
  filledText,
  MAX_METADATA_BYTES,
  parseXml,
} from '../xml.js'

/** What an IdP reads from an SP's metadata. */
export interface ServiceProviderRecord {
  entityId: string
  /** OrganizationDisplayName, to tell the citizen who is asking */
  name?: string
  certificates: string[]
  /** AssertionConsumerService Location by index */
  acs: Map<number, string>
  defaultAcsIndex: number
  /** RequestedAttribute names by AttributeConsumingService index */
  attributeServices: Map<number, string[]>
  /** SingleLogoutService (where the IdP sends LogoutRequests and LogoutResponses) */
  slo: Partial<Record<'post' | 'redirect', { location: string; responseLocation: string }>>
}

/** Reads an SP's metadata (one EntityDescriptor with an SPSSODescriptor); null when it has none. */
export function parseSpMetadata(xml: string): ServiceProviderRecord | null {
  const root = parseXml(xml, MAX_METADATA_BYTES).documentElement
  const descriptor = childElements(root, NS.metadata, 'SPSSODescriptor')[0]
  const entityId = attribute(root, 'entityID')
  if (!descriptor || !entityId) return null

  const certificates = childElements(descriptor, NS.metadata, 'KeyDescriptor')
    .filter((key) => (attribute(key, 'use') ?? 'signing') === 'signing')
    .flatMap((key) => descendants(key, NS.ds, 'X509Certificate'))
    .map((element) => filledText(element))
    .filter((body): body is string => !!body)
    .map(pemFromBody)

  const acs = new Map<number, string>()
  let defaultAcsIndex: number | undefined
  for (const service of childElements(descriptor, NS.metadata, 'AssertionConsumerService')) {
    const index = Number(attribute(service, 'index'))
    const location = filledAttribute(service, 'Location')
    if (!Number.isInteger(index) || !location) continue
    acs.set(index, location)
    if (attribute(service, 'isDefault') === 'true' || defaultAcsIndex === undefined) {
      defaultAcsIndex = index
    }
  }

  const attributeServices = new Map<number, string[]>()
  for (const service of childElements(descriptor, NS.metadata, 'AttributeConsumingService')) {
    const names = childElements(service, NS.metadata, 'RequestedAttribute')
      .map((requested) => filledAttribute(requested, 'Name'))
      .filter((name): name is string => !!name)
    attributeServices.set(Number(attribute(service, 'index')), names)
  }

  const slo: ServiceProviderRecord['slo'] = {}
  for (const service of childElements(descriptor, NS.metadata, 'SingleLogoutService')) {
    const location = filledAttribute(service, 'Location')
    const binding = attribute(service, 'Binding')
    const name =
      binding === BINDING.post ? 'post' : binding === BINDING.redirect ? 'redirect' : null
    if (name && location) {
      slo[name] ??= {
        location,
        responseLocation: filledAttribute(service, 'ResponseLocation') ?? location,
      }
    }
  }

  const organization = childElements(root, NS.metadata, 'Organization')[0]
  const displayName =
    organization && childElements(organization, NS.metadata, 'OrganizationDisplayName')[0]
  const name = (displayName && filledText(displayName)) ?? undefined

  if (certificates.length === 0 || defaultAcsIndex === undefined) return null
  return { entityId, name, certificates, acs, defaultAcsIndex, attributeServices, slo }
}
