import type { LoginLevel } from '../contract.js'
import { levelOfClassRef, NAMEID_FORMAT, NS, SUBJECT_CONFIRMATION_BEARER } from './constants.js'
import { refusal } from './refusals.js'
import { parseSamlInstant } from './time.js'
import { attribute, childElements, filledAttribute, filledText } from './xml.js'

/**
 * The checks on a signed Assertion, in the order of the SPID technical
 * rules (pages 19-23). Each failure throws the refusal for its detail.
 */

export interface AssertionExpectations {
  idpEntityId: string
  spEntityId: string
  acsUrl: string
  requestId: string
  requestInstant: Date
  requestedLevel: LoginLevel
  assertionIssuerFormatRequired: boolean
  requestedAttributes: readonly string[]
  now: Date
  clockSkewMs: number
}

export interface AssertionContent {
  nameId: string
  sessionIndex?: string
  level: LoginLevel
  attributes: Record<string, string>
}

const one = (parent: Element | undefined, localName: string) =>
  parent ? childElements(parent, NS.assertion, localName)[0] : undefined

function instant(
  element: Element,
  name: string,
  details: { missing: Parameters<typeof refusal>[0]; invalid: Parameters<typeof refusal>[0] }
): Date {
  const value = filledAttribute(element, name)
  if (value === null) throw refusal(details.missing)
  const date = parseSamlInstant(value)
  if (!date) throw refusal(details.invalid)
  return date
}

export function checkAssertion(
  assertion: Element,
  expect: AssertionExpectations
): AssertionContent {
  const skew = expect.clockSkewMs
  const now = expect.now.getTime()

  if (attribute(assertion, 'Version') !== '2.0') throw refusal('assertion_version_invalid')
  const issued = instant(assertion, 'IssueInstant', {
    missing: 'assertion_issue_instant_missing',
    invalid: 'assertion_issue_instant_invalid',
  })
  if (issued.getTime() < expect.requestInstant.getTime() - skew) {
    throw refusal('assertion_issue_instant_before_request')
  }
  if (issued.getTime() > now + skew) throw refusal('assertion_issue_instant_in_future')

  checkIssuer(assertion, expect)
  const nameId = checkSubject(assertion, expect)
  checkConditions(assertion, expect)
  const { level, sessionIndex } = checkAuthnStatement(assertion, expect)
  const attributes = readAttributes(assertion, expect.requestedAttributes)
  return { nameId, sessionIndex, level, attributes }
}

function checkIssuer(assertion: Element, expect: AssertionExpectations) {
  const issuer = one(assertion, 'Issuer')
  const value = issuer && filledText(issuer)
  if (!issuer || !value) throw refusal('assertion_issuer_missing')
  const format = attribute(issuer, 'Format')
  if (format === null && expect.assertionIssuerFormatRequired) {
    throw refusal('assertion_issuer_format_missing')
  }
  if (format !== null && format !== NAMEID_FORMAT.entity) {
    throw refusal(
      format.trim() || !expect.assertionIssuerFormatRequired
        ? 'assertion_issuer_format_invalid'
        : 'assertion_issuer_format_missing'
    )
  }
  if (value !== expect.idpEntityId) throw refusal('assertion_issuer_mismatch')
}

function checkSubject(assertion: Element, expect: AssertionExpectations): string {
  const subject = one(assertion, 'Subject')
  if (!subject || childElements(subject).length === 0) throw refusal('subject_missing')

  const nameIdElement = one(subject, 'NameID')
  const nameId = nameIdElement && filledText(nameIdElement)
  if (!nameIdElement || !nameId) throw refusal('name_id_missing')
  const format = filledAttribute(nameIdElement, 'Format')
  if (!format) throw refusal('name_id_format_missing')
  if (format !== NAMEID_FORMAT.transient) throw refusal('name_id_format_invalid')
  if (!filledAttribute(nameIdElement, 'NameQualifier')) throw refusal('name_qualifier_missing')

  const confirmation = one(subject, 'SubjectConfirmation')
  if (!confirmation) throw refusal('subject_confirmation_missing')
  const method = filledAttribute(confirmation, 'Method')
  if (!method) throw refusal('subject_confirmation_method_missing')
  if (method !== SUBJECT_CONFIRMATION_BEARER) throw refusal('subject_confirmation_method_invalid')
  const data = one(confirmation, 'SubjectConfirmationData')
  if (!data) throw refusal('subject_confirmation_data_missing')

  const recipient = filledAttribute(data, 'Recipient')
  if (!recipient) throw refusal('recipient_missing')
  if (recipient !== expect.acsUrl) throw refusal('recipient_mismatch')
  const inResponseTo = filledAttribute(data, 'InResponseTo')
  if (!inResponseTo) throw refusal('subject_in_response_to_missing')
  if (inResponseTo !== expect.requestId) throw refusal('subject_in_response_to_mismatch')
  const notOnOrAfter = instant(data, 'NotOnOrAfter', {
    missing: 'subject_not_on_or_after_missing',
    invalid: 'subject_not_on_or_after_invalid',
  })
  if (notOnOrAfter.getTime() <= expect.now.getTime() - expect.clockSkewMs) {
    throw refusal('subject_not_on_or_after_expired')
  }
  return nameId
}

function checkConditions(assertion: Element, expect: AssertionExpectations) {
  const conditions = one(assertion, 'Conditions')
  if (!conditions) throw refusal('conditions_missing')
  const notBefore = instant(conditions, 'NotBefore', {
    missing: 'not_before_missing',
    invalid: 'not_before_invalid',
  })
  if (notBefore.getTime() > expect.now.getTime() + expect.clockSkewMs) {
    throw refusal('not_before_in_future')
  }
  const notOnOrAfter = instant(conditions, 'NotOnOrAfter', {
    missing: 'not_on_or_after_missing',
    invalid: 'not_on_or_after_invalid',
  })
  if (notOnOrAfter.getTime() <= expect.now.getTime() - expect.clockSkewMs) {
    throw refusal('not_on_or_after_expired')
  }

  const restriction = one(conditions, 'AudienceRestriction')
  if (!restriction) throw refusal('audience_restriction_missing')
  const audiences = childElements(restriction, NS.assertion, 'Audience')
    .map((audience) => filledText(audience))
    .filter((value): value is string => !!value)
  if (audiences.length === 0) throw refusal('audience_missing')
  if (!audiences.includes(expect.spEntityId)) throw refusal('audience_mismatch')
}

function checkAuthnStatement(assertion: Element, expect: AssertionExpectations) {
  const statement = one(assertion, 'AuthnStatement')
  if (!statement) throw refusal('authn_statement_missing')
  const context = one(statement, 'AuthnContext')
  if (!context) throw refusal('authn_context_missing')
  const classRefElement = one(context, 'AuthnContextClassRef')
  const classRef = classRefElement && filledText(classRefElement)
  if (!classRef) throw refusal('authn_context_class_ref_missing')
  const level = levelOfClassRef(classRef)
  if (level === null) throw refusal('authn_context_class_ref_unknown')
  // Comparison "minimum": any level at or above the one asked
  if (level < expect.requestedLevel) throw refusal('authn_context_too_low')
  return { level, sessionIndex: filledAttribute(statement, 'SessionIndex') ?? undefined }
}

function readAttributes(assertion: Element, requested: readonly string[]) {
  const statements = childElements(assertion, NS.assertion, 'AttributeStatement')
  if (statements.length === 0) throw refusal('attribute_statement_missing')
  const elements = statements.flatMap((statement) =>
    childElements(statement, NS.assertion, 'Attribute')
  )
  if (elements.length === 0) throw refusal('attribute_statement_empty')

  const attributes: Record<string, string> = {}
  for (const element of elements) {
    const name = filledAttribute(element, 'Name')
    const value = childElements(element, NS.assertion, 'AttributeValue')
      .map((item) => filledText(item))
      .find((text) => text !== null)
    if (!name || !value) throw refusal('attribute_value_missing')
    attributes[name] = value
  }
  // the IdP releases what the AttributeConsumingService asked for, nothing else
  if (Object.keys(attributes).some((name) => !requested.includes(name))) {
    throw refusal('attributes_mismatch')
  }
  return attributes
}
