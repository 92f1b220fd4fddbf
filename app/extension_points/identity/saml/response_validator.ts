import type { LoginLevel, PendingLogin } from '../contract.js'
import { checkAssertion, type AssertionContent } from './assertion_rules.js'
import { decodePostMessage } from './bindings.js'
import { NAMEID_FORMAT, NS, STATUS } from './constants.js'
import type { IdentityProviderMetadata } from './idp_metadata.js'
import { samlProfileRejection } from './profile_gate.js'
import { SAML_PROFILES } from './profiles.js'
import { refusal, SPID_ERROR_MESSAGES, type SamlRefusalDetail } from './refusals.js'
import type { SamlProfileName } from './service_provider.js'
import { checkEnvelopedSignature, duplicateIds, type SignatureProblem } from './signature.js'
import { parseSamlInstant } from './time.js'
import {
  attribute,
  childElements,
  descendants,
  filledAttribute,
  filledText,
  parseXml,
} from './xml.js'

/** What the SP keeps of an AuthnRequest until its answer (PendingLogin.data). */
export interface PendingAuthnData {
  /** entityID of the IdP the request went to */
  idp: string
  issueInstant: string
  acsUrl: string
  /** the level the AuthnRequest asked for (CIE: always 3) */
  requestedLevel: LoginLevel
  [key: string]: unknown
}

export interface ResponseValidationInput {
  /** the SAMLResponse form field, base64 */
  samlResponse: unknown
  sp: { profile: SamlProfileName; entityId: string; acsUrl: string }
  /** the IdP metadata for an entityID the SP trusts, null for any other */
  resolveIdp(entityId: string): Promise<IdentityProviderMetadata | null>
  findPending(requestId: string): Promise<PendingLogin | null>
  now?: Date
  /** tolerance between the IdP's clock and ours */
  clockSkewMs?: number
  /** how long a pending request stays answerable */
  maxPendingAgeMs?: number
}

export interface ValidatedResponse extends AssertionContent {
  pending: PendingLogin
  idp: IdentityProviderMetadata
}

export const DEFAULT_CLOCK_SKEW_MS = 30_000
export const DEFAULT_MAX_PENDING_AGE_MS = 15 * 60_000

const SIGNATURE_DETAILS: Record<SignatureProblem, SamlRefusalDetail> = {
  missing: 'assertion_signature_missing',
  duplicated: 'assertion_signature_invalid',
  reference_mismatch: 'signature_reference_mismatch',
  algorithm_not_allowed: 'signature_algorithm_not_allowed',
  transform_not_allowed: 'signature_transform_not_allowed',
  invalid: 'assertion_signature_invalid',
}

/**
 * Validates a SAML Response from a SPID or CIE IdP, in this order: the
 * envelope (well-formed, ID, Version, IssueInstant, Issuer), the Status
 * (a refusal by the IdP ends here, signed or not), the signatures against
 * the IdP's metadata certificates with the anti-wrapping rules, the
 * pending request (consumed only for a signed answer), the Response's
 * destination and times, then the Assertion (assertion_rules.ts). Last,
 * node-saml validates the same message again on its own (profile_gate.ts).
 * Every refusal is an IdentityCallbackError with a specific detail.
 */
export async function validateResponse(input: ResponseValidationInput): Promise<ValidatedResponse> {
  const now = input.now ?? new Date()
  const clockSkewMs = input.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS
  const profile = SAML_PROFILES[input.sp.profile]

  if (typeof input.samlResponse !== 'string' || !input.samlResponse.trim()) {
    throw refusal('saml_response_missing')
  }
  let xml: string
  let document: Document
  try {
    xml = decodePostMessage(input.samlResponse)
    document = parseXml(xml)
  } catch (error) {
    throw refusal('xml_not_parsable', { cause: error })
  }

  const response = document.documentElement
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    throw refusal('not_a_response')
  }
  if (!filledAttribute(response, 'ID')) throw refusal('response_id_missing')
  if (attribute(response, 'Version') !== '2.0') throw refusal('version_invalid')
  const issueInstantValue = filledAttribute(response, 'IssueInstant')
  if (!issueInstantValue) throw refusal('issue_instant_missing')
  const issueInstant = parseSamlInstant(issueInstantValue)
  if (!issueInstant) throw refusal('issue_instant_invalid')

  const issuerElement = childElements(response, NS.assertion, 'Issuer')[0]
  const issuer = issuerElement && filledText(issuerElement)
  if (!issuerElement || !issuer) throw refusal('issuer_missing')
  const issuerFormat = attribute(issuerElement, 'Format')
  if (issuerFormat !== null && issuerFormat !== NAMEID_FORMAT.entity) {
    throw refusal('issuer_format_invalid')
  }

  checkStatus(response)

  const idp = await input.resolveIdp(issuer)
  if (!idp) throw refusal('issuer_mismatch')
  const assertion = checkSignatures(xml, document, response, idp.certificates)

  const requestId = filledAttribute(response, 'InResponseTo')
  if (!requestId) throw refusal('in_response_to_missing')
  const pending = await input.findPending(requestId)
  if (!pending) throw refusal('request_unknown')
  const data = pending.data as Partial<PendingAuthnData>
  if (data.idp !== idp.entityId) throw refusal('issuer_mismatch')
  if (
    now.getTime() - pending.createdAt.getTime() >
    (input.maxPendingAgeMs ?? DEFAULT_MAX_PENDING_AGE_MS)
  ) {
    throw refusal('pending_expired')
  }
  const acsUrl = data.acsUrl ?? input.sp.acsUrl
  const requestInstant = parseSamlInstant(String(data.issueInstant)) ?? pending.createdAt

  const destination = filledAttribute(response, 'Destination')
  if (!destination) throw refusal('destination_missing')
  if (destination !== acsUrl) throw refusal('destination_mismatch')
  if (issueInstant.getTime() < requestInstant.getTime() - clockSkewMs) {
    throw refusal('issue_instant_before_request')
  }
  if (issueInstant.getTime() > now.getTime() + clockSkewMs) throw refusal('issue_instant_in_future')

  const content = checkAssertion(assertion, {
    idpEntityId: idp.entityId,
    spEntityId: input.sp.entityId,
    acsUrl,
    requestId,
    requestInstant,
    requestedLevel: data.requestedLevel ?? pending.level,
    assertionIssuerFormatRequired: profile.assertionIssuerFormatRequired,
    requestedAttributes: profile.attributes,
    now,
    clockSkewMs,
  })

  const rejection = await samlProfileRejection({
    samlResponse: input.samlResponse,
    sp: input.sp,
    idp,
    clockSkewMs,
  })
  if (rejection) throw refusal('saml_profile_rejected', { cause: rejection })

  return { ...content, pending, idp }
}

/**
 * A Response whose top StatusCode is not Success is the IdP refusing the
 * login: SPID's "anomalie utente" come as Responder / AuthnFailed with
 * StatusMessage "ErrorCode nr<N>".
 */
function checkStatus(response: Element) {
  const status = childElements(response, NS.protocol, 'Status')[0]
  if (!status) throw refusal('status_missing')
  const code = childElements(status, NS.protocol, 'StatusCode')[0]
  const value = code && filledAttribute(code, 'Value')
  if (!code || !value) throw refusal('status_code_missing')
  if (value === STATUS.success) return

  const message = childElements(status, NS.protocol, 'StatusMessage')[0]
  const errorCode = /ErrorCode nr ?(\d+)/i.exec((message && filledText(message)) ?? '')?.[1]
  if (errorCode === '25') throw refusal('cancelled_by_user', { message: SPID_ERROR_MESSAGES['25'] })
  if (errorCode && SPID_ERROR_MESSAGES[errorCode]) {
    throw refusal('authn_failed_spid_error', { message: SPID_ERROR_MESSAGES[errorCode] })
  }
  throw refusal('status_not_success')
}

/**
 * The signatures, so that what is read next is what the IdP signed:
 * exactly one Assertion, a direct child of the Response; no repeated ID in
 * the document; the Response's signature, when present, valid over the
 * Response; the Assertion's signature, always required, valid over the
 * Assertion. Only the IdP's metadata certificates are trusted.
 */
function checkSignatures(
  xml: string,
  document: Document,
  response: Element,
  certificates: string[]
): Element {
  const assertions = descendants(document, NS.assertion, 'Assertion')
  const direct = childElements(response, NS.assertion, 'Assertion')
  if (assertions.length === 0) throw refusal('assertion_missing')
  if (assertions.length > 1 || direct.length !== 1) throw refusal('unexpected_assertion')
  if (duplicateIds(document).length > 0) throw refusal('duplicate_id')

  if (childElements(response, NS.ds, 'Signature').length > 0) {
    const problem = checkEnvelopedSignature(xml, response, certificates)
    if (problem) {
      const detail = SIGNATURE_DETAILS[problem]
      throw refusal(detail.startsWith('assertion_') ? 'response_signature_invalid' : detail)
    }
  }

  const assertion = direct[0]
  if (!filledAttribute(assertion, 'ID')) throw refusal('assertion_id_missing')
  const problem = checkEnvelopedSignature(xml, assertion, certificates)
  if (problem) throw refusal(SIGNATURE_DETAILS[problem])
  return assertion
}
