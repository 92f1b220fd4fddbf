import { test } from '@japa/runner'
import { readRedirectMessage, redirectUrl } from '#extension_points/identity/saml/bindings'
import { generateSigningCredentials } from '#extension_points/identity/saml/x509'

const signer = generateSigningCredentials(
  { commonName: 'SP', organizationName: 'SP' },
  { modulusLength: 2048 }
)
const other = generateSigningCredentials(
  { commonName: 'Altro', organizationName: 'Altro' },
  { modulusLength: 2048 }
)
const XML = '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1"/>'

test.group('HTTP-Redirect binding', () => {
  test('the signed query is read back with the signer’s certificate', ({ assert }) => {
    const url = redirectUrl('https://idp.example/slo?lang=it', 'SAMLRequest', XML, {
      relayState: 'r 1&2',
      privateKey: signer.privateKey,
    })
    assert.deepEqual(readRedirectMessage(url, [other.certificate, signer.certificate]), {
      ok: true,
      kind: 'SAMLRequest',
      xml: XML,
      relayState: 'r 1&2',
    })
  })

  test('another certificate, a changed value or no signature: refused', ({ assert }) => {
    const url = redirectUrl('https://idp.example/slo', 'SAMLRequest', XML, {
      relayState: 'r',
      privateKey: signer.privateKey,
    })
    assert.deepEqual(readRedirectMessage(url, [other.certificate]), {
      ok: false,
      problem: 'signature_invalid',
    })
    assert.deepEqual(
      readRedirectMessage(url.replace('RelayState=r', 'RelayState=x'), [signer.certificate]),
      { ok: false, problem: 'signature_invalid' }
    )
    assert.deepEqual(
      readRedirectMessage(url.replace(/&Signature=[^&]+/, ''), [signer.certificate]),
      { ok: false, problem: 'signature_missing' }
    )
    assert.deepEqual(readRedirectMessage('https://idp.example/slo?foo=1', [signer.certificate]), {
      ok: false,
      problem: 'missing',
    })
  })
})
