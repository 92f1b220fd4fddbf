import { SignedXml } from 'xml-crypto'
import {
  ALLOWED_DIGEST_ALGORITHMS,
  ALLOWED_SIGNATURE_ALGORITHMS,
  ALLOWED_TRANSFORMS,
  DIGEST_ALGORITHM,
  ENVELOPED_SIGNATURE,
  EXCLUSIVE_C14N,
  NS,
  SIGNATURE_ALGORITHM,
} from './constants.js'
import { attribute, childElements, descendants, isElement, onlyChild, parseXml } from './xml.js'
import type { SigningCredentials } from './x509.js'

/**
 * Enveloped XML signatures (xml-crypto): SAML messages and metadata sign
 * one element by its ID, RSA-SHA256, exclusive canonicalization.
 */

export interface SignOptions {
  /** local name and ID of the element to sign */
  element: { localName: string; id: string }
  credentials: SigningCredentials
  /**
   * Where the <ds:Signature> goes: right after that element's <Issuer>
   * (SAML protocol messages and assertions), or first child (metadata).
   */
  placement: 'after-issuer' | 'first-child'
  /** include the certificate in <ds:KeyInfo> (default true) */
  keyInfo?: boolean
}

const byLocalName = (name: string) => `*[local-name(.)='${name}']`

export function signXml(xml: string, options: SignOptions): string {
  const { localName, id } = options.element
  const target = `//${byLocalName(localName)}[@ID='${id}']`
  const signer = new SignedXml({
    privateKey: options.credentials.privateKey,
    // without publicCert xml-crypto writes no KeyInfo
    publicCert: options.keyInfo === false ? undefined : options.credentials.certificate,
    signatureAlgorithm: SIGNATURE_ALGORITHM.rsaSha256,
    canonicalizationAlgorithm: EXCLUSIVE_C14N,
  })
  signer.addReference({
    xpath: target,
    transforms: [ENVELOPED_SIGNATURE, EXCLUSIVE_C14N],
    digestAlgorithm: DIGEST_ALGORITHM.sha256,
  })
  const afterIssuer = options.placement === 'after-issuer' && hasIssuer(xml, options.element)
  const location = afterIssuer
    ? { reference: `${target}/${byLocalName('Issuer')}`, action: 'after' as const }
    : { reference: target, action: 'prepend' as const }
  signer.computeSignature(xml, { prefix: 'ds', location })
  return signer.getSignedXml()
}

/** Whether the element to sign has an <Issuer> child (a test IdP may leave it out). */
function hasIssuer(xml: string, element: { localName: string; id: string }) {
  const target = descendantsByLocalName(parseXml(xml), element.localName).find(
    (candidate) => attribute(candidate, 'ID') === element.id
  )
  return !!target && childElements(target, NS.assertion, 'Issuer').length > 0
}

function descendantsByLocalName(root: Node, localName: string): Element[] {
  const found: Element[] = []
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (isElement(node) && node.localName === localName) found.push(node)
    found.push(...descendantsByLocalName(node, localName))
  }
  return found
}

/** Why an enveloped signature cannot be trusted. */
export type SignatureProblem =
  | 'missing'
  | 'duplicated'
  | 'reference_mismatch'
  | 'algorithm_not_allowed'
  | 'transform_not_allowed'
  | 'invalid'

/** ID-like attributes xml-crypto resolves references against. */
const ID_ATTRIBUTES = ['ID', 'Id', 'id']

/**
 * IDs that occur more than once in the document: with duplicates, a
 * reference could resolve to an element other than the one read
 * (signature wrapping), so a document with any is refused.
 */
export function duplicateIds(document: Document): string[] {
  const seen = new Set<string>()
  const duplicates = new Set<string>()
  const walk = (node: Node) => {
    if (isElement(node)) {
      for (const name of ID_ATTRIBUTES) {
        const value = attribute(node, name)
        if (value === null || value === '') continue
        if (seen.has(value)) duplicates.add(value)
        seen.add(value)
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child)
  }
  walk(document)
  return [...duplicates]
}

/**
 * Checks the enveloped signature of `element` against trusted certificates
 * only (never the certificate the message carries in KeyInfo).
 *
 * The signature must be a direct child of `element`, with one Reference
 * whose URI is `#` + the element's own ID, the AgID algorithms and no
 * transform besides enveloped-signature and exclusive c14n. Together with
 * unique IDs in the document (see duplicateIds), this makes the signed
 * element the very element the caller goes on to read.
 */
export function checkEnvelopedSignature(
  xml: string,
  element: Element,
  certificates: string[]
): SignatureProblem | null {
  const signatures = childElements(element, NS.ds, 'Signature')
  if (signatures.length === 0) return 'missing'
  if (signatures.length > 1) return 'duplicated'
  const signature = signatures[0]

  const signedInfo = onlyChild(signature, NS.ds, 'SignedInfo')
  if (!signedInfo || signedInfo === 'many') return 'invalid'
  const references = childElements(signedInfo, NS.ds, 'Reference')
  const id = attribute(element, 'ID')
  if (references.length !== 1 || !id || attribute(references[0], 'URI') !== `#${id}`) {
    return 'reference_mismatch'
  }

  const method = onlyChild(signedInfo, NS.ds, 'SignatureMethod')
  const digests = descendants(references[0], NS.ds, 'DigestMethod')
  if (
    !method ||
    method === 'many' ||
    !ALLOWED_SIGNATURE_ALGORITHMS.includes(attribute(method, 'Algorithm') ?? '') ||
    digests.length !== 1 ||
    !ALLOWED_DIGEST_ALGORITHMS.includes(attribute(digests[0], 'Algorithm') ?? '')
  ) {
    return 'algorithm_not_allowed'
  }
  const transforms = descendants(references[0], NS.ds, 'Transform')
  const unsafe = (transform: Element) =>
    !ALLOWED_TRANSFORMS.includes(attribute(transform, 'Algorithm') ?? '') ||
    childElements(transform).some((child) => child.localName !== 'InclusiveNamespaces')
  if (transforms.some(unsafe)) {
    return 'transform_not_allowed'
  }

  for (const certificate of certificates) {
    const verifier = new SignedXml({ publicCert: certificate, getCertFromKeyInfo: () => null })
    try {
      verifier.loadSignature(signature)
      if (verifier.checkSignature(xml)) return null
    } catch {
      // a malformed signature, or xml-crypto refusing ambiguous IDs: not valid
    }
  }
  return 'invalid'
}
