import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto'
import {
  bitString,
  booleanTrue,
  explicit,
  integer,
  nullValue,
  objectIdentifier,
  octetString,
  printableString,
  sequence,
  set,
  smallInteger,
  time,
  utf8String,
} from './der.js'

/**
 * Self-signed X.509 certificates for SAML signing keys, shaped the way AgID
 * asks of a public-sector SP (Avviso SPID n. 29 v3, checked by
 * spid-compliant-certificates): subject with organizationIdentifier
 * "PA:IT-<IPA code>", uri = entityID, C, L, O, CN; keyUsage critical
 * digitalSignature + nonRepudiation; basicConstraints CA:FALSE;
 * certificatePolicies agIDcert and spid-publicsector-SP; RSA, SHA-256.
 */

export interface CertificateSubject {
  commonName: string
  organizationName: string
  /** the SP's entityID (attribute uri, 2.5.4.83) */
  uri?: string
  /** public bodies: the IPA code, written as organizationIdentifier PA:IT-<code> */
  ipaCode?: string
  localityName?: string
  countryName?: string
}

export interface SigningCredentials {
  /** PKCS#8 PEM */
  privateKey: string
  /** X.509 PEM */
  certificate: string
}

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  countryName: '2.5.4.6',
  localityName: '2.5.4.7',
  organizationName: '2.5.4.10',
  uri: '2.5.4.83',
  organizationIdentifier: '2.5.4.97',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  certificatePolicies: '2.5.29.32',
  subjectKeyIdentifier: '2.5.29.14',
  userNotice: '1.3.6.1.5.5.7.2.2',
  agIdCert: '1.3.76.16.6',
  spidPublicSp: '1.3.76.16.4.2.1',
} as const

function name(subject: CertificateSubject): Buffer {
  const entries: Array<[string, Buffer]> = [
    [OID.countryName, printableString(subject.countryName ?? 'IT')],
    [OID.localityName, utf8String(subject.localityName ?? subject.organizationName)],
    [OID.organizationName, utf8String(subject.organizationName)],
    [OID.commonName, utf8String(subject.commonName)],
  ]
  if (subject.uri) entries.push([OID.uri, utf8String(subject.uri)])
  if (subject.ipaCode)
    entries.push([OID.organizationIdentifier, utf8String(`PA:IT-${subject.ipaCode}`)])
  return sequence(...entries.map(([oid, value]) => set(sequence(objectIdentifier(oid), value))))
}

function extension(oid: string, value: Buffer, critical = false): Buffer {
  return sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value))
}

function policy(oid: string, explicitText: string): Buffer {
  const qualifier = sequence(objectIdentifier(OID.userNotice), sequence(utf8String(explicitText)))
  return sequence(objectIdentifier(oid), sequence(qualifier))
}

function extensions(publicKeyDer: Buffer, publicSector: boolean): Buffer {
  const policies = [policy(OID.agIdCert, 'agIDcert')]
  if (publicSector) policies.push(policy(OID.spidPublicSp, 'cert_SP_Pub'))
  return explicit(
    3,
    sequence(
      extension(OID.basicConstraints, sequence()),
      // digitalSignature (bit 0) and nonRepudiation (bit 1): 0b11000000, 6 unused bits
      extension(OID.keyUsage, bitString(Buffer.from([0xc0]), 6), true),
      extension(OID.certificatePolicies, sequence(...policies)),
      extension(
        OID.subjectKeyIdentifier,
        octetString(createHash('sha1').update(publicKeyDer).digest())
      )
    )
  )
}

/** Generates an RSA key and its self-signed certificate. */
export function generateSigningCredentials(
  subject: CertificateSubject,
  options: { modulusLength?: number; validYears?: number; now?: Date } = {}
): SigningCredentials {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: options.modulusLength ?? 3072,
  })
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const notBefore = options.now ?? new Date()
  const notAfter = new Date(notBefore)
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (options.validYears ?? 10))
  const algorithm = sequence(objectIdentifier(OID.sha256WithRSA), nullValue())
  const subjectName = name(subject)

  const tbs = sequence(
    explicit(0, smallInteger(2)),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    algorithm,
    subjectName,
    sequence(time(notBefore), time(notAfter)),
    subjectName,
    spki,
    extensions(spki, !!subject.ipaCode)
  )
  const signature = sign('sha256', tbs, privateKey)
  const der = sequence(tbs, algorithm, bitString(signature))
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificate: derToPem(der),
  }
}

export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** The base64 body of a PEM certificate, as <ds:X509Certificate> carries it. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
}

/** A PEM certificate from the base64 body metadata carries (whitespace allowed). */
export function pemFromBody(body: string): string {
  return derToPem(Buffer.from(body.replace(/\s+/g, ''), 'base64'))
}

/** Throws when the text is not a usable X.509 certificate. */
export function assertCertificate(pem: string): X509Certificate {
  return new X509Certificate(pem)
}
