import { fileURLToPath } from 'node:url'
import { test } from '@japa/runner'
import { NS } from '#extension_points/identity/saml/constants'
import { childElements, descendants, parseXml } from '#extension_points/identity/saml/xml'
import {
  validateAgainstXsd,
  verifyWithXmlsec,
} from '#extension_points/identity/saml/testing/xml_tools'
import { cieAdapter, cieFixtureIdp, cieTestConfig } from './helpers.js'

const xsd = (file: string) => fileURLToPath(new URL(`../xsd/${file}`, import.meta.url))
const one = (parent: Element, namespace: string, name: string) =>
  childElements(parent, namespace, name)[0]

async function metadata() {
  const adapter = await cieAdapter()
  const { body } = await adapter.metadata!()
  return { body, root: parseXml(body).documentElement }
}

test.group('CIE metadata', () => {
  test('valid against the CIE schema and signed (xmlsec1)', async ({ assert }) => {
    const { body } = await metadata()
    const schema = validateAgainstXsd(
      body,
      xsd('cie/saml-schema-metadata-sp-cie.xsd'),
      xsd('catalog.xml')
    )
    assert.isTrue(schema.ok, schema.output)
    const signature = verifyWithXmlsec(
      body,
      'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor'
    )
    assert.isTrue(signature.ok, signature.output)
  })

  test('its own namespace and the administrative contact of a public body', async ({ assert }) => {
    const { root } = await metadata()
    const contact = one(root, NS.metadata, 'ContactPerson')
    assert.equal(contact.getAttribute('contactType'), 'administrative')
    const extensions = one(contact, NS.metadata, 'Extensions')
    assert.deepEqual(
      childElements(extensions).map((element) => [
        element.namespaceURI,
        element.localName,
        element.textContent,
      ]),
      [
        [NS.cie, 'Public', ''],
        [NS.cie, 'IPACode', 'c_prova'],
        [NS.cie, 'Municipality', cieTestConfig().municipality],
        [NS.cie, 'Province', cieTestConfig().province],
      ]
    )
    assert.equal(one(contact, NS.metadata, 'Company').textContent, 'Comune di Prova')
    assert.lengthOf(descendants(root, NS.spid, 'IPACode'), 0, 'no SPID extensions')
  })

  test('the four CIE attributes', async ({ assert }) => {
    const { root } = await metadata()
    const names = descendants(root, NS.metadata, 'RequestedAttribute').map((item) =>
      item.getAttribute('Name')
    )
    assert.deepEqual(names, ['name', 'familyName', 'dateOfBirth', 'fiscalNumber'])
  })
})

test.group('CIE AuthnRequest', () => {
  for (const level of [1, 2, 3] as const) {
    test(`level ${level} asked: the request asks SpidL3 with ForceAuthn`, async ({ assert }) => {
      const adapter = await cieAdapter()
      const login = await adapter.buildLoginRequest({ level, relayState: 'r' })
      if (login.transport.kind !== 'form') throw new Error('expected HTTP-POST')
      assert.equal(login.transport.action, cieFixtureIdp.ssoUrl)
      const xml = Buffer.from(login.transport.fields.SAMLRequest, 'base64').toString()
      const schema = validateAgainstXsd(
        xml,
        xsd('saml-schema-protocol-2.0.xsd'),
        xsd('catalog.xml')
      )
      assert.isTrue(schema.ok, schema.output)
      const signature = verifyWithXmlsec(
        xml,
        'urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest',
        cieTestConfig().certificate
      )
      assert.isTrue(signature.ok, signature.output)
      const root = parseXml(xml).documentElement
      assert.equal(root.getAttribute('ForceAuthn'), 'true')
      assert.equal(
        descendants(root, NS.assertion, 'AuthnContextClassRef')[0].textContent,
        'https://www.spid.gov.it/SpidL3'
      )
      assert.equal(login.data.requestedLevel, 3)
    })
  }

  test('logout is local: CIE has no single logout', async ({ assert }) => {
    const adapter = await cieAdapter()
    const logout = await adapter.logout({
      session: {
        fiscalNumber: 'RSSMRA80A41H501Y',
        level: 3,
        source: 'cie',
        nameId: 'n',
        idpId: cieFixtureIdp.entityId,
      },
      relayState: 'r',
    })
    assert.deepEqual(logout, { kind: 'local' })
    assert.isUndefined(adapter.handleLogoutCallback)
    assert.isUndefined(adapter.handleIdpLogout)
    assert.isUndefined(adapter.identityProviders, 'one IdP: a single "Entra con CIE" button')
  })
})
