import { generateKeyPairSync, randomInt, type KeyObject } from 'node:crypto'
import { DateTime } from 'luxon'
import { SignedXml } from 'xml-crypto'
import { MARCA_DA_BOLLO_NS, XMLDSIG_NS } from '../receipt_xml.js'
import { escapeXml, euro } from './receipt_document.js'

/**
 * The marca da bollo digitale the simulated PSP issues when a stamp
 * transfer is paid: Agenzia delle Entrate's `marcaDaBollo` document
 * (xsd-common/MarcaDaBollo.xsd, element order as its sequence), enveloped-
 * signed by the PSP (RSA-SHA256; a key of this process, given as KeyValue,
 * since the simulated PSP has no certificate). The Nodo puts it, base64, in
 * the receipt's MBDAttachment.
 */
export interface MarcaDaBolloData {
  psp: { fiscalCode: string; name: string }
  /** 14 digits */
  iubd: string
  issuedAt: Date
  amountCents: number
  /** TipoBollo, from the stamp request ("01") */
  stampType: string
  /** base64 SHA-256 of the stamped document (the stamp request's hashDocument) */
  documentHash: string
}

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'
const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

let pspKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined

/** The simulated PSP's signing key, made once per process. */
function signingKey() {
  pspKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
  return pspKey
}

/** A fresh IUBD: 14 digits, as Agenzia delle Entrate assigns them. */
export function newIubd() {
  return String(randomInt(10 ** 13, 10 ** 14))
}

function leaf(name: string, value: string) {
  return `<${name}>${escapeXml(value)}</${name}>`
}

/** <ds:KeyValue> with the RSA public key, for whoever checks the signature. */
function keyValue(prefix = 'ds') {
  const jwk = signingKey().publicKey.export({ format: 'jwk' })
  const base64 = (value?: string) => Buffer.from(value ?? '', 'base64url').toString('base64')
  return (
    `<${prefix}:KeyValue><${prefix}:RSAKeyValue>` +
    `<${prefix}:Modulus>${base64(jwk.n)}</${prefix}:Modulus>` +
    `<${prefix}:Exponent>${base64(jwk.e)}</${prefix}:Exponent>` +
    `</${prefix}:RSAKeyValue></${prefix}:KeyValue>`
  )
}

export function issueMarcaDaBollo(data: MarcaDaBolloData) {
  const issuedAt = DateTime.fromJSDate(data.issuedAt, { zone: 'Europe/Rome' })
  const unsigned =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<marcaDaBollo xmlns="${MARCA_DA_BOLLO_NS}" xmlns:ds="${XMLDSIG_NS}">` +
    `<PSP>${leaf('CodiceFiscale', data.psp.fiscalCode)}${leaf('Denominazione', data.psp.name)}</PSP>` +
    leaf('IUBD', data.iubd) +
    leaf('OraAcquisto', issuedAt.toISO({ suppressMilliseconds: true })!) +
    leaf('Importo', euro(data.amountCents)) +
    leaf('TipoBollo', data.stampType) +
    `<ImprontaDocumento><DigestMethod Algorithm="${SHA256}"/>` +
    `${leaf('ds:DigestValue', data.documentHash)}</ImprontaDocumento>` +
    '</marcaDaBollo>'

  const signer = new SignedXml({
    privateKey: signingKey().privateKey.export({ type: 'pkcs8', format: 'pem' }),
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
    getKeyInfoContent: ({ prefix } = {}) => keyValue(prefix ?? 'ds'),
  })
  signer.addReference({
    xpath: '/*',
    uri: '',
    isEmptyUri: true,
    transforms: [ENVELOPED, EXCLUSIVE_C14N],
    digestAlgorithm: SHA256,
  })
  // the XSD wants ds:Signature last, after ImprontaDocumento
  signer.computeSignature(unsigned, {
    prefix: 'ds',
    location: { reference: '/*', action: 'append' },
  })
  return signer.getSignedXml()
}
