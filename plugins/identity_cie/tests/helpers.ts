import { createTestAdapter } from '#extension_points/identity/testing'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'
import { generateSigningCredentials } from '#extension_points/identity/saml/x509'
import plugin from '../plugin.js'
import { CIE_IDP_METADATA_URL } from '../config.js'

/** The tests' CIE IdP: Issuers without Format, as the Ministero's IdP writes them. */
export const cieFixtureIdp = new FixtureIdp('cie', 'https://cie-idp.fixture.test/metadata')

const sp = generateSigningCredentials(
  { commonName: 'Comune di Prova', organizationName: 'Comune di Prova', ipaCode: 'c_prova' },
  { modulusLength: 2048 }
)

export const cieTestConfig = () => ({
  contactEmail: 'urp@comune-di-prova.it',
  municipality: 'G702',
  province: 'PI',
  idpMetadataUrl: CIE_IDP_METADATA_URL,
  idpMetadataXml: cieFixtureIdp.metadataXml(),
  certificate: sp.certificate,
  privateKey: sp.privateKey,
})

export async function cieAdapter(overrides: Record<string, unknown> = {}) {
  const { adapter } = await createTestAdapter({
    plugin,
    config: { ...cieTestConfig(), ...overrides },
  })
  return adapter
}
