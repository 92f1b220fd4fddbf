import type { SigningCredentials } from './x509.js'

/** Which SAML profile an SP speaks: SPID (AgID rules) or CIE (Ministero dell'Interno's). */
export type SamlProfileName = 'spid' | 'cie'

/** Everything a SAML SP plugin knows about itself, for one ente. */
export interface ServiceProviderSettings {
  profile: SamlProfileName
  entityId: string
  /** AssertionConsumerService index 0 (HTTP-POST) */
  acsUrl: string
  /** SingleLogoutService (HTTP-POST and HTTP-Redirect) */
  sloUrl: string
  credentials: SigningCredentials
  /** the RequestedAttribute names of AttributeConsumingService index 0 */
  attributes: readonly string[]
  /** ServiceName of AttributeConsumingService index 0 */
  serviceName: string
  organization: { name: string; displayName: string; url: string }
  contact: {
    ipaCode: string
    email: string
    telephone?: string
    /** CIE: the administrative contact's company (the ente) */
    company?: string
    /** CIE: the ente's municipality (codice catastale) and province (sigla) */
    municipality?: string
    province?: string
  }
}

/** The indexes the AuthnRequest names and the metadata declares. */
export const ACS_INDEX = 0
export const ATTRIBUTE_SERVICE_INDEX = 0

/** The attribute sets each plugin asks for. */
export const SPID_ATTRIBUTES = [
  'name',
  'familyName',
  'fiscalNumber',
  'email',
  'mobilePhone',
  'dateOfBirth',
  'placeOfBirth',
  'address',
] as const
/** CIE releases these four (Manuale operativo CIE per i fornitori di servizi). */
export const CIE_ATTRIBUTES = ['name', 'familyName', 'dateOfBirth', 'fiscalNumber'] as const
