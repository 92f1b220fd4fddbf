import {
  ATTRNAME_FORMAT_BASIC,
  NAMEID_FORMAT,
  NS,
  STATUS,
  SUBJECT_CONFIRMATION_BEARER,
} from '../constants.js'
import { escapeXml as x } from '../xml.js'

/**
 * The IdP side of a login: a SPID Response from a template, as the
 * development IdP sends it and as the tests' fixture IdP starts each case
 * from (the template of spid-sp-test's base.xml, with the same blocks).
 */

export interface ResponseAttribute {
  name: string
  value: string
  /** xs type of the value (dateOfBirth and expirationDate are dates) */
  type?: 'string' | 'date'
}

export interface ResponseParams {
  responseId: string
  assertionId: string
  inResponseTo: string
  issueInstant: string
  /** the SP's AssertionConsumerService URL (Destination and Recipient) */
  destination: string
  idpEntityId: string
  /** the SP's entityID */
  audience: string
  nameId: string
  notBefore: string
  notOnOrAfter: string
  authnInstant: string
  sessionIndex: string
  classRef: string
  attributes: ResponseAttribute[]
  /** SPID writes Format="entity" on both Issuers; the CIE IdP writes none */
  issuerFormat: boolean
  /** NameFormat="basic" on every Attribute (spid-sp-test case 109 leaves it out) */
  attributeNameFormat?: boolean
}

type EnvelopeParams = Pick<
  ResponseParams,
  'responseId' | 'inResponseTo' | 'issueInstant' | 'destination' | 'idpEntityId' | 'issuerFormat'
>

function issuer(params: EnvelopeParams) {
  const format = params.issuerFormat ? ` Format="${NAMEID_FORMAT.entity}"` : ''
  return `<saml:Issuer${format}>${x(params.idpEntityId)}</saml:Issuer>`
}

function attribute(params: ResponseParams, item: ResponseAttribute) {
  const nameFormat =
    params.attributeNameFormat === false ? '' : ` NameFormat="${ATTRNAME_FORMAT_BASIC}"`
  return (
    `<saml:Attribute Name="${x(item.name)}"${nameFormat}>` +
    `<saml:AttributeValue xsi:type="xs:${item.type ?? 'string'}">${x(item.value)}</saml:AttributeValue>` +
    `</saml:Attribute>`
  )
}

function responseOpening(params: EnvelopeParams) {
  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ` +
    `ID="${x(params.responseId)}" Version="2.0" IssueInstant="${x(params.issueInstant)}" ` +
    `Destination="${x(params.destination)}" InResponseTo="${x(params.inResponseTo)}">` +
    issuer(params)
  )
}

/** A successful login: Response and Assertion, both unsigned (see signSamlResponse). */
export function responseXml(params: ResponseParams): string {
  return (
    responseOpening(params) +
    `<samlp:Status><samlp:StatusCode Value="${STATUS.success}"/></samlp:Status>` +
    `<saml:Assertion xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" ID="${x(params.assertionId)}" ` +
    `Version="2.0" IssueInstant="${x(params.issueInstant)}">` +
    issuer(params) +
    `<saml:Subject>` +
    `<saml:NameID Format="${NAMEID_FORMAT.transient}" NameQualifier="${x(params.idpEntityId)}">${x(params.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="${SUBJECT_CONFIRMATION_BEARER}">` +
    `<saml:SubjectConfirmationData InResponseTo="${x(params.inResponseTo)}" ` +
    `NotOnOrAfter="${x(params.notOnOrAfter)}" Recipient="${x(params.destination)}"/>` +
    `</saml:SubjectConfirmation>` +
    `</saml:Subject>` +
    `<saml:Conditions NotBefore="${x(params.notBefore)}" NotOnOrAfter="${x(params.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${x(params.audience)}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${x(params.authnInstant)}" SessionIndex="${x(params.sessionIndex)}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${x(params.classRef)}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    `<saml:AttributeStatement>` +
    params.attributes.map((item) => attribute(params, item)).join('') +
    `</saml:AttributeStatement>` +
    `</saml:Assertion>` +
    `</samlp:Response>`
  )
}

/**
 * The IdP refusing the login (SPID "anomalie utente"): Responder /
 * AuthnFailed with "ErrorCode nr<N>", no Assertion.
 */
export function errorResponseXml(params: EnvelopeParams & { errorCode: number }): string {
  return (
    responseOpening(params) +
    `<samlp:Status>` +
    `<samlp:StatusCode Value="${STATUS.responder}"><samlp:StatusCode Value="${STATUS.authnFailed}"/></samlp:StatusCode>` +
    `<samlp:StatusMessage>ErrorCode nr${params.errorCode}</samlp:StatusMessage>` +
    `</samlp:Status>` +
    `</samlp:Response>`
  )
}
