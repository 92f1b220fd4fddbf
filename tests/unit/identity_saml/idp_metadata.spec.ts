import { test } from '@japa/runner'
import { parseIdpMetadata } from '#extension_points/identity/saml/idp_metadata'
import { FixtureIdp } from '#extension_points/identity/saml/testing/fixture_idp'

const idp = new FixtureIdp('spid', 'https://idp.uno.test/metadata')

test.group('IdP metadata', () => {
  test('one entity: entityID, signing certificate, SSO and SLO per binding', ({ assert }) => {
    const [parsed] = parseIdpMetadata(idp.metadataXml())
    assert.equal(parsed.entityId, idp.entityId)
    assert.equal(parsed.name, 'IdP di prova')
    assert.lengthOf(parsed.certificates, 1)
    assert.deepEqual(parsed.sso, { redirect: idp.ssoUrl, post: idp.ssoUrl })
    assert.deepEqual(parsed.slo.post, { location: idp.sloUrl, responseLocation: idp.sloUrl })
  })

  test('an aggregated file larger than any SAML message (AgID registry)', ({ assert }) => {
    const entity = idp.metadataXml()
    const entities = Array.from({ length: 300 }, (_, index) =>
      entity.replace(idp.entityId, `https://idp-${index}.test/metadata`)
    )
    const xml = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${entities.join('')}</md:EntitiesDescriptor>`
    assert.isAbove(xml.length, 512 * 1024)
    const parsed = parseIdpMetadata(xml)
    assert.lengthOf(parsed, 300)
    assert.equal(parsed[299].entityId, 'https://idp-299.test/metadata')
  })

  test('entities that are not usable IdPs are left out; a DOCTYPE is refused', ({ assert }) => {
    const sp =
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.test"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>'
    assert.deepEqual(parseIdpMetadata(sp), [])
    assert.throws(() => parseIdpMetadata(`<!DOCTYPE x [<!ENTITY a "b">]>${sp}`), /DOCTYPE/)
  })
})
