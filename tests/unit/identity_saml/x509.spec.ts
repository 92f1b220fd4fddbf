import { spawnSync } from 'node:child_process'
import { X509Certificate, createPrivateKey } from 'node:crypto'
import { test } from '@japa/runner'
import { generateSigningCredentials } from '#extension_points/identity/saml/x509'

test.group('Self-signed certificates for SAML keys', () => {
  test('shaped as AgID asks of a public SP (checked with openssl)', ({ assert }) => {
    const credentials = generateSigningCredentials(
      {
        commonName: 'Comune di Prova',
        organizationName: 'Comune di Prova',
        uri: 'https://sp.example.it/metadata',
        ipaCode: 'c_prova',
        localityName: 'Prova',
      },
      { modulusLength: 2048 }
    )
    const certificate = new X509Certificate(credentials.certificate)
    assert.isTrue(certificate.checkPrivateKey(createPrivateKey(credentials.privateKey)))
    assert.isTrue(certificate.verify(certificate.publicKey), 'self-signed')
    assert.isFalse(certificate.ca)

    const text = spawnSync('openssl', ['x509', '-noout', '-text'], {
      input: credentials.certificate,
      encoding: 'utf8',
    }).stdout
    assert.include(text, 'Signature Algorithm: sha256WithRSAEncryption')
    assert.include(text, 'organizationIdentifier = PA:IT-c_prova')
    assert.include(text, '2.5.4.83 = https://sp.example.it/metadata')
    assert.match(text, /C = IT, L = Prova, O = Comune di Prova, CN = Comune di Prova/)
    assert.match(text, /Key Usage: critical\s+Digital Signature, Non Repudiation/)
    assert.match(text, /Basic Constraints: \s+CA:FALSE/)
    assert.match(text, /Policy: 1\.3\.76\.16\.6\s+User Notice:\s+Explicit Text: agIDcert/)
    assert.match(text, /Policy: 1\.3\.76\.16\.4\.2\.1\s+User Notice:\s+Explicit Text: cert_SP_Pub/)
  })
})
