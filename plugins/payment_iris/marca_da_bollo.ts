import { DOMParser } from '@xmldom/xmldom'

/**
 * The marca da bollo digitale (Agenzia delle Entrate's `marcaDaBollo`
 * document, namespace 2014/MarcaDaBollo) of a paid E_BOLLO position: its
 * IUBD, when it was bought and the digest of the document it stamps (the
 * one in ImprontaDocumento, not the signature's).
 */
const MBD = 'http://www.agenziaentrate.gov.it/2014/MarcaDaBollo'
const DSIG = 'http://www.w3.org/2000/09/xmldsig#'

type Scope = {
  getElementsByTagNameNS(namespace: string, name: string): { item(index: number): any }
}

function first(scope: Scope | undefined, namespace: string, name: string) {
  return scope?.getElementsByTagNameNS(namespace, name).item(0) ?? undefined
}

export function readStamp(xml: Uint8Array) {
  const document = new DOMParser().parseFromString(Buffer.from(xml).toString('utf8'), 'text/xml')
  const iubd = first(document, MBD, 'IUBD')?.textContent?.trim()
  const issuedAt = first(document, MBD, 'OraAcquisto')?.textContent?.trim()
  const documentHash = first(
    first(document, MBD, 'ImprontaDocumento'),
    DSIG,
    'DigestValue'
  )?.textContent?.trim()
  if (!iubd || !issuedAt || !documentHash) return undefined
  return { iubd, documentHash, issuedAt: new Date(issuedAt) }
}
