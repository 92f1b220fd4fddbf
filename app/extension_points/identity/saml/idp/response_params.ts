import { randomUUID } from 'node:crypto'
import type { LoginLevel } from '../../contract.js'
import { classRefOf } from '../constants.js'
import { samlInstant } from '../time.js'
import type { ReceivedAuthnRequest } from './authn_request_reader.js'
import type { ResponseAttribute, ResponseParams } from './response_template.js'

/** How long an IdP's assertion may be used (SubjectConfirmationData and Conditions). */
export const ASSERTION_LIFETIME_MS = 5 * 60_000

/**
 * The parameters of a correct Response to `request`: the attributes the SP
 * asked for that the user has, the level given, IssueInstant equal to the
 * request's (as spid-sp-test's IdP sends it) unless `now` says otherwise.
 */
export function responseParamsFor(input: {
  request: ReceivedAuthnRequest
  idpEntityId: string
  level: LoginLevel
  attributes: Record<string, ResponseAttribute>
  issuerFormat: boolean
  issueInstant?: string
  now?: Date
}): ResponseParams {
  const now = input.now ?? new Date()
  const issueInstant = input.issueInstant ?? input.request.issueInstant
  return {
    responseId: `_${randomUUID()}`,
    assertionId: `_${randomUUID()}`,
    inResponseTo: input.request.id,
    issueInstant,
    destination: input.request.acsUrl,
    idpEntityId: input.idpEntityId,
    audience: input.request.spEntityId,
    nameId: `_${randomUUID()}`,
    notBefore: issueInstant,
    notOnOrAfter: samlInstant(new Date(now.getTime() + ASSERTION_LIFETIME_MS)),
    authnInstant: samlInstant(now),
    sessionIndex: `_${randomUUID()}`,
    classRef: classRefOf(input.level),
    attributes: input.request.attributes.flatMap((name) => input.attributes[name] ?? []),
    issuerFormat: input.issuerFormat,
  }
}
