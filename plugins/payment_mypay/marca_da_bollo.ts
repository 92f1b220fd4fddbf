import { parseXml } from '#extension_points/payment/kit/xml'
import { italianTime } from './documents.js'

/**
 * The marca da bollo digitale MyPay returns with a paid stamp dovuto
 * (allegatoRicevuta `BD`, the PSP's `marcaDaBollo` document of
 * MarcaDaBollo.xsd, base64): its IUBD, when it was bought and the digest
 * of the document it stamps (ImprontaDocumento's, not the signature's).
 * Undefined when the allegato is not such a document.
 */
const MBD = 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo'
const DSIG = 'http://www.w3.org/2000/09/xmldsig#'

function childText(parent: Element | undefined, namespace: string, name: string) {
  for (let node = parent?.firstChild; node; node = node.nextSibling) {
    const element = node as Element
    if (node.nodeType === 1 && element.namespaceURI === namespace && element.localName === name)
      return { element, text: (element.textContent ?? '').trim() }
  }
  return undefined
}

export function readMarcaDaBollo(testoAllegato: string) {
  let root: Element
  try {
    root = parseXml(Buffer.from(testoAllegato, 'base64').toString('utf8'))
  } catch {
    return undefined
  }
  if (root.namespaceURI !== MBD || root.localName !== 'marcaDaBollo') return undefined
  const iubd = childText(root, MBD, 'IUBD')?.text
  const issuedAt = childText(root, MBD, 'OraAcquisto')?.text
  const impronta = childText(root, MBD, 'ImprontaDocumento')?.element
  const documentHash = childText(impronta, DSIG, 'DigestValue')?.text
  if (!iubd || !issuedAt || !documentHash) return undefined
  try {
    // an OraAcquisto without an offset is Italy's time, like MyPay's own dates
    return { iubd, documentHash, issuedAt: italianTime(issuedAt) }
  } catch {
    return undefined
  }
}
