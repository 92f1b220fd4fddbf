import { generateKeyPairSync, randomInt } from 'node:crypto'
import { el, leaf } from '#extension_points/payment/kit/xml'
import { SignedXml } from 'xml-crypto'
import type { MarcaBollo } from '../documents.js'
import { SIMULATED_PSP, romeDateTime } from './documents.js'

/**
 * The marca da bollo digitale the simulated PSP issues when a
 * MARCA_BOLLO_DIGITALE dovuto is paid: Agenzia delle Entrate's
 * `marcaDaBollo` document (MarcaDaBollo.xsd), with a fresh 14-digit IUBD,
 * the purchase time, the amount, the digest of the stamped document, and
 * the PSP's enveloped XML signature (here with a key the simulator makes
 * when it starts: no real PSP certificate). The document has no place for
 * the province: that stays in the dovuto's datiMarcaBolloDigitale.
 */
const MBD = 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo'
const DSIG = 'http://www.w3.org/2000/09/xmldsig#'
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256'
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
/** the simulated PSP's codice fiscale (an 11-digit placeholder) */
const PSP_FISCAL_CODE = '99999999999'

let pspKey: string | null = null

function signingKey() {
  pspKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  return pspKey
}

/** 14 digits, leading zeros kept: an IUBD the simulator has never given is all it needs. */
export function newIubd() {
  return String(randomInt(0, 100_000_000_000_000)).padStart(14, '0')
}

export function marcaDaBolloXml(input: {
  iubd: string
  paidAt: Date
  amount: string
  marcaBollo: MarcaBollo
}) {
  const unsigned = el(
    'marcaDaBollo',
    [
      el('PSP', [
        leaf('CodiceFiscale', PSP_FISCAL_CODE),
        leaf('Denominazione', SIMULATED_PSP.name),
      ]),
      leaf('IUBD', input.iubd),
      leaf('OraAcquisto', romeDateTime(input.paidAt)),
      leaf('Importo', input.amount),
      leaf('TipoBollo', '01'),
      el('ImprontaDocumento', [
        el('DigestMethod', [], { Algorithm: SHA256 }),
        leaf('ds:DigestValue', input.marcaBollo.hashDocumento),
      ]),
    ],
    { 'xmlns': MBD, 'xmlns:ds': DSIG }
  )
  const signature = new SignedXml({
    privateKey: signingKey(),
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  })
  // URI="": the whole document, which has no Id attribute to point at
  signature.addReference({
    xpath: '/*',
    isEmptyUri: true,
    digestAlgorithm: SHA256,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N],
  })
  signature.computeSignature(unsigned, {
    prefix: 'ds',
    location: { reference: "/*/*[local-name()='ImprontaDocumento']", action: 'after' },
  })
  return '<?xml version="1.0" encoding="UTF-8"?>' + signature.getSignedXml()
}
