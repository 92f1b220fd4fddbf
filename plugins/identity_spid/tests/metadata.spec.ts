import { X509Certificate } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import { NS } from '#extension_points/identity/saml/constants'
import { childElements, descendants, parseXml } from '#extension_points/identity/saml/xml'
import {
  validateAgainstXsd,
  verifyWithXmlsec,
} from '#extension_points/identity/saml/testing/xml_tools'
import { spidAdapter, spidTestConfig } from './helpers.js'

const xsd = (file: string) => fileURLToPath(new URL(`../xsd/${file}`, import.meta.url))
const SCHEMA = xsd('saml-schema-metadata-sp-spid-av29.xsd')
const CATALOG = xsd('catalog.xml')
const BASE = 'http://127.0.0.1:3333/comune-di-prova/auth/identity_spid'
/** no own key in the settings: the plugin makes one */
const GENERATED_KEY = { certificate: undefined, privateKey: undefined }

async function metadata(overrides: Record<string, unknown> = {}) {
  const adapter = await spidAdapter(overrides)
  const { contentType, body } = await adapter.metadata!()
  return { contentType, body, root: parseXml(body).documentElement }
}

const one = (parent: Element, namespace: string, name: string) =>
  childElements(parent, namespace, name)[0]

test.group('SPID metadata', () => {
  test('is valid against the SPID schema (Avviso n. 29 v3) and signed (xmlsec1)', async ({
    assert,
  }) => {
    const { contentType, body } = await metadata()
    assert.equal(contentType, 'application/samlmetadata+xml')
    const schema = validateAgainstXsd(body, SCHEMA, CATALOG)
    assert.isTrue(schema.ok, schema.output)
    const signature = verifyWithXmlsec(
      body,
      'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor'
    )
    assert.isTrue(signature.ok, signature.output)
  })

  test('a changed metadata no longer verifies', async ({ assert }) => {
    const { body } = await metadata()
    const forged = body.replace(
      'Comune di Prova</md:OrganizationName>',
      'Comune Falso</md:OrganizationName>'
    )
    assert.notEqual(forged, body)
    assert.isFalse(
      verifyWithXmlsec(forged, 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor').ok
    )
  })

  test('signature first, Organization in Italian, the public-body contact', async ({ assert }) => {
    const { root } = await metadata()
    assert.equal(root.getAttribute('entityID'), `${BASE}/metadata`)
    assert.equal(childElements(root)[0].localName, 'Signature')
    const organization = one(root, NS.metadata, 'Organization')
    for (const name of ['OrganizationName', 'OrganizationDisplayName']) {
      const element = one(organization, NS.metadata, name)
      assert.equal(element.textContent, 'Comune di Prova')
      assert.equal(element.getAttribute('xml:lang'), 'it')
    }
    assert.equal(
      one(organization, NS.metadata, 'OrganizationURL').textContent,
      'http://127.0.0.1:3333/comune-di-prova'
    )
    const contact = one(root, NS.metadata, 'ContactPerson')
    assert.equal(contact.getAttribute('contactType'), 'other')
    const extensions = one(contact, NS.metadata, 'Extensions')
    assert.equal(one(extensions, NS.spid, 'IPACode').textContent, 'c_prova')
    assert.lengthOf(childElements(extensions, NS.spid, 'Public'), 1)
    assert.equal(one(contact, NS.metadata, 'EmailAddress').textContent, 'urp@comune-di-prova.it')
    assert.equal(one(contact, NS.metadata, 'TelephoneNumber').textContent, '+39 050 000000')
  })

  test('ACS, attribute service, SLO and the signing certificate', async ({ assert }) => {
    const { root } = await metadata()
    const descriptor = one(root, NS.metadata, 'SPSSODescriptor')
    assert.equal(descriptor.getAttribute('AuthnRequestsSigned'), 'true')
    assert.equal(descriptor.getAttribute('WantAssertionsSigned'), 'true')
    const acs = one(descriptor, NS.metadata, 'AssertionConsumerService')
    assert.deepEqual(
      [acs.getAttribute('index'), acs.getAttribute('isDefault'), acs.getAttribute('Location')],
      ['0', 'true', `${BASE}/acs`]
    )
    assert.equal(acs.getAttribute('Binding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST')
    const service = one(descriptor, NS.metadata, 'AttributeConsumingService')
    assert.equal(service.getAttribute('index'), '0')
    assert.deepEqual(
      childElements(service, NS.metadata, 'RequestedAttribute').map((item) =>
        item.getAttribute('Name')
      ),
      [
        'name',
        'familyName',
        'fiscalNumber',
        'email',
        'mobilePhone',
        'dateOfBirth',
        'placeOfBirth',
        'address',
      ]
    )
    const slo = childElements(descriptor, NS.metadata, 'SingleLogoutService')
    assert.sameMembers(
      slo.map((item) => item.getAttribute('Location')),
      [`${BASE}/slo`, `${BASE}/slo`]
    )
    const [certificate] = descendants(descriptor, NS.ds, 'X509Certificate')
    const expected = new X509Certificate(spidTestConfig().certificate)
    assert.equal(
      new X509Certificate(Buffer.from(certificate.textContent!, 'base64')).fingerprint256,
      expected.fingerprint256
    )
  })

  test('the entityID, ACS and SLO can be set (an ente on its own host)', async ({ assert }) => {
    const own = 'https://servizi.comune-di-prova.it/auth/identity_spid'
    const { root } = await metadata({
      entityId: `${own}/metadata`,
      acsUrl: `${own}/acs`,
      sloUrl: `${own}/slo`,
    })
    assert.equal(root.getAttribute('entityID'), `${own}/metadata`)
    assert.equal(
      descendants(root, NS.metadata, 'AssertionConsumerService')[0].getAttribute('Location'),
      `${own}/acs`
    )
    assert.equal(
      descendants(root, NS.metadata, 'SingleLogoutService')[0].getAttribute('Location'),
      `${own}/slo`
    )
  })
})

test.group('SPID signing key generated on first use', (group) => {
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('an AgID-shaped certificate, kept encrypted on the drive and reused', async ({ assert }) => {
    const first = await metadata(GENERATED_KEY)
    const second = await metadata(GENERATED_KEY)
    const body = (xml: string) =>
      descendants(parseXml(xml), NS.ds, 'X509Certificate')[1].textContent
    assert.equal(body(first.body), body(second.body), 'the same key the second time')

    const certificate = new X509Certificate(Buffer.from(body(first.body)!, 'base64'))
    assert.include(certificate.subject, 'organizationIdentifier=PA:IT-c_prova')
    assert.isTrue(certificate.raw.includes(`${BASE}/metadata`), 'uri (2.5.4.83) is the entityID')
    assert.isAtLeast(certificate.publicKey.asymmetricKeyDetails!.modulusLength!, 3072)
    assert.isTrue(certificate.verify(certificate.publicKey))

    const stored = await drive.use().get('plugins/identity_spid/ente-1/signing.json')
    assert.notInclude(stored, 'PRIVATE KEY', 'the private key is stored encrypted')
    assert.isTrue(
      verifyWithXmlsec(first.body, 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor').ok
    )
  })

  test('a new entityID gets a new certificate', async ({ assert }) => {
    const first = await metadata(GENERATED_KEY)
    const moved = await metadata({
      ...GENERATED_KEY,
      entityId: 'https://servizi.comune-di-prova.it/spid',
    })
    const body = (xml: string) =>
      descendants(parseXml(xml), NS.ds, 'X509Certificate')[1].textContent
    assert.notEqual(body(first.body), body(moved.body))
  })

  test('an own key must come with its certificate', async ({ assert }) => {
    await assert.rejects(
      () => spidAdapter({ certificate: undefined }),
      /sia il certificato sia la chiave privata/
    )
  })
})
