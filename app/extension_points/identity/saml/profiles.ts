import type { LoginLevel } from '../contract.js'
import { CIE_ATTRIBUTES, SPID_ATTRIBUTES, type SamlProfileName } from './service_provider.js'

/** Where the SPID and CIE profiles of SAML differ, for the SP. */
export interface SamlProfile {
  name: SamlProfileName
  /** the level the AuthnRequest asks for: CIE always authenticates at level 3 */
  requestLevel(level: LoginLevel): LoginLevel
  /**
   * SPID: the Assertion's Issuer carries Format "entity" (technical rules,
   * p. 21). The CIE IdP omits it; when present it must be "entity".
   */
  assertionIssuerFormatRequired: boolean
  attributes: readonly string[]
}

export const SAML_PROFILES: Record<SamlProfileName, SamlProfile> = {
  spid: {
    name: 'spid',
    requestLevel: (level) => level,
    assertionIssuerFormatRequired: true,
    attributes: SPID_ATTRIBUTES,
  },
  cie: {
    name: 'cie',
    requestLevel: () => 3,
    assertionIssuerFormatRequired: false,
    attributes: CIE_ATTRIBUTES,
  },
}

/** The attributes without which nobody can be logged in. */
export const REQUIRED_ATTRIBUTES = ['fiscalNumber', 'name', 'familyName'] as const
