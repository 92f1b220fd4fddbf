import type { LoginLevel } from '../contract.js'

/** XML namespaces of SAML 2.0, XML-DSig and the SPID/CIE metadata extensions. */
export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  spid: 'https://spid.gov.it/saml-extensions',
  cie: 'https://www.cartaidentita.interno.gov.it/saml-extensions',
} as const

export const BINDING = {
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
} as const

export type BindingName = keyof typeof BINDING

export const NAMEID_FORMAT = {
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
} as const

export const SUBJECT_CONFIRMATION_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer'
export const ATTRNAME_FORMAT_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic'

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const

/** What AgID allows for XML signatures (SPID technical rules and Avviso n. 6). */
export const SIGNATURE_ALGORITHM = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
} as const
export const DIGEST_ALGORITHM = {
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
} as const
export const EXCLUSIVE_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#'
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

/** The only transforms a signature may use: anything else (XSLT, XPath) is an attack surface. */
export const ALLOWED_TRANSFORMS: readonly string[] = [
  ENVELOPED_SIGNATURE,
  EXCLUSIVE_C14N,
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
]
export const ALLOWED_SIGNATURE_ALGORITHMS: readonly string[] = Object.values(SIGNATURE_ALGORITHM)
export const ALLOWED_DIGEST_ALGORITHMS: readonly string[] = Object.values(DIGEST_ALGORITHM)

/** SPID levels as AuthnContextClassRef values; CIE uses the same ones. */
const CLASS_REF_PREFIX = 'https://www.spid.gov.it/SpidL'

export function classRefOf(level: LoginLevel): string {
  return `${CLASS_REF_PREFIX}${level}`
}

/** The level of a class reference, or null when it is not one of SpidL1..3. */
export function levelOfClassRef(classRef: string): LoginLevel | null {
  const match = /^https:\/\/www\.spid\.gov\.it\/SpidL([123])$/.exec(classRef)
  return match ? (Number(match[1]) as LoginLevel) : null
}
