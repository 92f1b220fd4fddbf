import { signXml } from '../signature.js'
import type { SigningCredentials } from '../x509.js'
import { attribute, childElements, parseXml } from '../xml.js'
import { NS } from '../constants.js'

export interface ResponseSigning {
  /** sign the Assertion (SPID: always) */
  assertion: boolean
  /** sign the Response too (SPID: may) */
  response: boolean
  credentials: SigningCredentials
  /** sign the Assertion with other credentials (a test of a foreign signature) */
  assertionCredentials?: SigningCredentials
  /** put the certificate in KeyInfo (default true) */
  keyInfo?: boolean
}

/**
 * Signs a Response as a SPID IdP does: the Assertion first, then the
 * Response over it, each signature right after its Issuer. An element
 * without an ID cannot be referenced, so it stays unsigned.
 */
export function signSamlResponse(xml: string, signing: ResponseSigning): string {
  const document = parseXml(xml)
  const response = document.documentElement
  const assertion = childElements(response, NS.assertion, 'Assertion')[0]
  let signed = xml
  const assertionId = assertion && attribute(assertion, 'ID')
  if (signing.assertion && assertionId) {
    signed = signXml(signed, {
      element: { localName: 'Assertion', id: assertionId },
      credentials: signing.assertionCredentials ?? signing.credentials,
      placement: 'after-issuer',
      keyInfo: signing.keyInfo,
    })
  }
  const responseId = attribute(response, 'ID')
  if (signing.response && responseId) {
    signed = signXml(signed, {
      element: { localName: 'Response', id: responseId },
      credentials: signing.credentials,
      placement: 'after-issuer',
      keyInfo: signing.keyInfo,
    })
  }
  return signed
}
