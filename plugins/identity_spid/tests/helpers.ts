import { createTestAdapter } from '#extension_points/identity/testing'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'
import { generateSigningCredentials } from '#extension_points/identity/saml/x509'
import plugin from '../plugin.js'
import { AGID_IDP_LIST_URL, AGID_REGISTRY_METADATA_URL } from '../config.js'

/** The tests' IdPs: two, so a request sent to one can be answered by the other. */
export const fixtureIdp = new FixtureIdp('spid', 'https://idp.fixture.test/metadata')
export const otherFixtureIdp = new FixtureIdp('spid', 'https://other-idp.fixture.test/metadata')

/** The SP's own key for the tests (the runtime generates and stores one per ente). */
const sp = generateSigningCredentials(
  { commonName: 'Comune di Prova', organizationName: 'Comune di Prova', ipaCode: 'c_prova' },
  { modulusLength: 2048 }
)

function bothIdpsMetadata() {
  const inner = (xml: string) => xml.replace(/^<\?xml[^>]*>/, '')
  return (
    '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">' +
    inner(fixtureIdp.metadataXml()) +
    inner(otherFixtureIdp.metadataXml()) +
    '</md:EntitiesDescriptor>'
  )
}

export const spidTestConfig = () => ({
  binding: 'post',
  registryMetadataUrl: AGID_REGISTRY_METADATA_URL,
  idpListUrl: AGID_IDP_LIST_URL,
  contactEmail: 'urp@comune-di-prova.it',
  contactPhone: '+39 050 000000',
  certificate: sp.certificate,
  privateKey: sp.privateKey,
  extraIdpName: 'IdP di prova',
  extraIdpMetadataXml: bothIdpsMetadata(),
})

/** The SPID adapter for the test ente; `undefined` in `overrides` removes a setting. */
export async function spidAdapter(overrides: Record<string, unknown> = {}) {
  const config: Record<string, unknown> = { ...spidTestConfig(), ...overrides }
  for (const [name, value] of Object.entries(config)) if (value === undefined) delete config[name]
  const { adapter } = await createTestAdapter({ plugin, config })
  return adapter
}
