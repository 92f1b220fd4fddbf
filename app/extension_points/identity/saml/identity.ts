import { normaliseFiscalNumber, type IdentitySource, type NormalisedIdentity } from '../contract.js'
import { REQUIRED_ATTRIBUTES } from './profiles.js'
import { refusal } from './refusals.js'
import type { ValidatedResponse } from './response_validator.js'

/** A codice fiscale (omocodia letters included) or a temporary numeric one. */
const FISCAL_NUMBER =
  /^([A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]|\d{11})$/

/** The platform's identity from a validated SPID/CIE assertion. */
export function identityFromAssertion(
  validated: ValidatedResponse,
  source: IdentitySource
): NormalisedIdentity {
  const attributes = validated.attributes
  if (REQUIRED_ATTRIBUTES.some((name) => !attributes[name])) {
    throw refusal('required_attribute_missing')
  }
  const fiscalNumber = normaliseFiscalNumber(attributes.fiscalNumber)
  if (!FISCAL_NUMBER.test(fiscalNumber)) throw refusal('fiscal_number_invalid')
  const dateOfBirth = /^\d{4}-\d{2}-\d{2}$/.test(attributes.dateOfBirth ?? '')
    ? attributes.dateOfBirth
    : undefined
  return {
    fiscalNumber,
    name: attributes.name,
    familyName: attributes.familyName,
    level: validated.level,
    source,
    email: attributes.email,
    mobilePhone: attributes.mobilePhone,
    dateOfBirth,
    placeOfBirth: attributes.placeOfBirth,
    address: attributes.address,
    nameId: validated.nameId,
    sessionIndex: validated.sessionIndex,
    idpId: validated.idp.entityId,
  }
}
