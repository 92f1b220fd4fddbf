import { createVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { inflateRawSync } from 'node:zlib'
import { test } from '@japa/runner'
import type { LoginLevel, LoginRequest } from '#extension_points/identity/contract'
import { NS } from '#extension_points/identity/saml/constants'
import { childElements, descendants, parseXml } from '#extension_points/identity/saml/xml'
import {
  validateAgainstXsd,
  verifyWithXmlsec,
} from '#extension_points/identity/saml/testing/xml_tools'
import { fixtureIdp, spidAdapter, spidTestConfig } from './helpers.js'

const xsd = (file: string) => fileURLToPath(new URL(`../xsd/${file}`, import.meta.url))
const PROTOCOL_SCHEMA = xsd('saml-schema-protocol-2.0.xsd')
const CATALOG = xsd('catalog.xml')
const ENTITY_ID = 'http://127.0.0.1:3333/comune-di-prova/auth/identity_spid/metadata'
const CORE_RELAY_STATE = 'relay-of-the-core'

async function login(
  level: LoginLevel,
  options: { binding?: 'post' | 'redirect'; forceAuthn?: boolean } = {}
) {
  const adapter = await spidAdapter(options.binding ? { binding: options.binding } : {})
  return adapter.buildLoginRequest({
    level,
    relayState: CORE_RELAY_STATE,
    idpId: fixtureIdp.entityId,
    forceAuthn: options.forceAuthn,
  })
}

function postedXml(request: LoginRequest) {
  if (request.transport.kind !== 'form') throw new Error('expected HTTP-POST')
  return Buffer.from(request.transport.fields.SAMLRequest, 'base64').toString('utf8')
}

const one = (parent: Element, namespace: string, name: string) =>
  childElements(parent, namespace, name)[0]

test.group('SPID AuthnRequest, HTTP-POST', () => {
  test('valid against the SAML protocol schema and signed with the SP key (xmlsec1)', async ({
    assert,
  }) => {
    const xml = postedXml(await login(2))
    const schema = validateAgainstXsd(xml, PROTOCOL_SCHEMA, CATALOG)
    assert.isTrue(schema.ok, schema.output)
    const signature = verifyWithXmlsec(
      xml,
      'urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest',
      spidTestConfig().certificate
    )
    assert.isTrue(signature.ok, signature.output)
    const forged = xml.replace('SpidL2', 'SpidL1')
    assert.isFalse(
      verifyWithXmlsec(
        forged,
        'urn:oasis:names:tc:SAML:2.0:protocol:AuthnRequest',
        spidTestConfig().certificate
      ).ok
    )
  })

  test('the signature right after the Issuer, with the certificate', async ({ assert }) => {
    const root = parseXml(postedXml(await login(1))).documentElement
    const children = childElements(root).map((child) => child.localName)
    assert.deepEqual(children.slice(0, 2), ['Issuer', 'Signature'])
    const [certificate] = descendants(root, NS.ds, 'X509Certificate')
    assert.include(
      spidTestConfig().certificate.replace(/\s+/g, ''),
      certificate.textContent!.replace(/\s+/g, '')
    )
  })

  test('Issuer entity with NameQualifier, NameIDPolicy without AllowCreate, no IsPassive', async ({
    assert,
  }) => {
    const root = parseXml(postedXml(await login(2))).documentElement
    const issuer = one(root, NS.assertion, 'Issuer')
    assert.equal(issuer.textContent, ENTITY_ID)
    assert.equal(issuer.getAttribute('Format'), 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity')
    assert.equal(issuer.getAttribute('NameQualifier'), ENTITY_ID)
    const policy = one(root, NS.protocol, 'NameIDPolicy')
    assert.equal(
      policy.getAttribute('Format'),
      'urn:oasis:names:tc:SAML:2.0:nameid-format:transient'
    )
    assert.isFalse(policy.hasAttribute('AllowCreate'))
    assert.isFalse(root.hasAttribute('IsPassive'))
    assert.equal(root.getAttribute('Version'), '2.0')
    assert.equal(root.getAttribute('Destination'), fixtureIdp.ssoUrl)
    assert.match(root.getAttribute('IssueInstant')!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  test('the ACS and attribute service by the indexes the metadata declares', async ({ assert }) => {
    const root = parseXml(postedXml(await login(2))).documentElement
    assert.equal(root.getAttribute('AssertionConsumerServiceIndex'), '0')
    assert.equal(root.getAttribute('AttributeConsumingServiceIndex'), '0')
    assert.isFalse(root.hasAttribute('AssertionConsumerServiceURL'))
    assert.isFalse(root.hasAttribute('ProtocolBinding'))
    const adapter = await spidAdapter()
    const { body } = await adapter.metadata!()
    const metadata = parseXml(body)
    const indexes = (name: string) =>
      descendants(metadata, NS.metadata, name).map((element) => element.getAttribute('index'))
    assert.include(indexes('AssertionConsumerService'), '0')
    assert.include(indexes('AttributeConsumingService'), '0')
  })

  for (const level of [1, 2, 3] as const) {
    test(`level ${level}: SpidL${level}, Comparison minimum, ForceAuthn ${level > 1 ? 'true' : 'absent'}`, async ({
      assert,
    }) => {
      const root = parseXml(postedXml(await login(level))).documentElement
      const context = one(root, NS.protocol, 'RequestedAuthnContext')
      assert.equal(context.getAttribute('Comparison'), 'minimum')
      assert.equal(
        one(context, NS.assertion, 'AuthnContextClassRef').textContent,
        `https://www.spid.gov.it/SpidL${level}`
      )
      if (level > 1) assert.equal(root.getAttribute('ForceAuthn'), 'true')
      else assert.isFalse(root.hasAttribute('ForceAuthn'))
    })
  }

  test('ForceAuthn when the core asks for it at level 1 (step up)', async ({ assert }) => {
    const root = parseXml(postedXml(await login(1, { forceAuthn: true }))).documentElement
    assert.equal(root.getAttribute('ForceAuthn'), 'true')
  })

  test('an opaque RelayState, never a URL nor the core’s own, and a unique ID each time', async ({
    assert,
  }) => {
    const first = await login(2)
    const second = await login(2)
    assert.notEqual(first.requestId, second.requestId)
    assert.match(first.requestId, /^_[0-9a-f-]{36}$/)
    if (first.transport.kind !== 'form') throw new Error('expected HTTP-POST')
    const relayState = first.transport.fields.RelayState
    assert.notInclude(relayState, 'http')
    assert.notEqual(relayState, CORE_RELAY_STATE)
    assert.match(relayState, /^[A-Za-z0-9_-]{16,}$/)
    assert.equal(first.transport.action, fixtureIdp.ssoUrl)
    assert.deepEqual(JSON.parse(JSON.stringify(first.data)), first.data)
    assert.equal(first.data.idp, fixtureIdp.entityId)
  })
})

test.group('SPID AuthnRequest, HTTP-Redirect', () => {
  test('deflated, unsigned XML, the query signed with the SP key (RSA-SHA256)', async ({
    assert,
  }) => {
    const request = await login(3, { binding: 'redirect' })
    assert.equal(request.transport.kind, 'redirect')
    if (request.transport.kind !== 'redirect') return
    const url = new URL(request.transport.url)
    assert.equal(`${url.origin}${url.pathname}`, fixtureIdp.ssoUrl)
    assert.equal(
      url.searchParams.get('SigAlg'),
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
    )

    const raw = url.search.slice(1).split('&')
    const signed = raw.filter((pair) => !pair.startsWith('Signature=')).join('&')
    assert.match(signed, /^SAMLRequest=[^&]+&RelayState=[^&]+&SigAlg=[^&]+$/)
    const signature = Buffer.from(url.searchParams.get('Signature')!, 'base64')
    const verifier = createVerify('RSA-SHA256').update(signed)
    assert.isTrue(verifier.verify(spidTestConfig().certificate, signature))

    const xml = inflateRawSync(
      Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')
    ).toString()
    const schema = validateAgainstXsd(xml, PROTOCOL_SCHEMA, CATALOG)
    assert.isTrue(schema.ok, schema.output)
    const root = parseXml(xml).documentElement
    assert.lengthOf(descendants(root, NS.ds, 'Signature'), 0, 'the query carries the signature')
    assert.equal(root.getAttribute('ForceAuthn'), 'true')
  })

  test('an IdP that reads the request trusts it only with the SP’s key', async ({ assert }) => {
    const adapter = await spidAdapter({ binding: 'redirect' })
    const request = await adapter.buildLoginRequest({
      level: 2,
      relayState: CORE_RELAY_STATE,
      idpId: fixtureIdp.entityId,
    })
    const { body: metadata } = await adapter.metadata!()
    const { request: received } = await fixtureIdp.receive(request.transport, metadata)
    assert.equal(received.id, request.requestId)
    assert.equal(received.level, 2)
    if (request.transport.kind !== 'redirect') return
    const tampered = {
      kind: 'redirect' as const,
      url: request.transport.url.replace(/RelayState=[^&]+/, 'RelayState=altro'),
    }
    await assert.rejects(() => fixtureIdp.receive(tampered, metadata), /non è autentica/)
  })
})
