import { DateTime } from 'luxon'
import type Citizen from '#models/citizen'
import {
  ADDRESS_PARTS,
  addressField,
  type IdentityField,
  type IdentitySource,
} from '#models/citizen'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { NormalisedIdentity } from '#extension_points/identity/contract'
import {
  birthDateFromCodiceFiscale,
  decodeCodiceFiscale,
  normaliseCodiceFiscale,
} from '#domain/codice_fiscale'
import { parseSpidAddress } from '#services/citizens/spid_address'
import { saveByFiscalCode } from '#services/citizens/save_by_fiscal_code'

const DOMICILE_FIELDS = ADDRESS_PARTS.map((part) => addressField('domicile', part))
const isDomicileField = (field: string) => (DOMICILE_FIELDS as string[]).includes(field)

/**
 * The citizen behind a login: found by (ente, codice fiscale), created on
 * first login. What the identity provider asserts (codice fiscale, name,
 * surname, birth data, gender, the domicile when it sends `address`)
 * overwrites those fields every time and locks them for the citizen, so a
 * citizen first created by an operator or by a login-free submission
 * becomes the same person with verified data. Contacts from the IdP only
 * fill empty ones: the citizen's own choice wins.
 */
export async function upsertCitizenFromIdentity(ente: EnteRef, identity: NormalisedIdentity) {
  const fiscalCode = normaliseCodiceFiscale(identity.fiscalNumber)
  const asserted = assertedFields(identity, fiscalCode)
  const replacesDomicile = Boolean(identity.address?.trim())
  const now = DateTime.now()

  return saveByFiscalCode(ente, fiscalCode, (citizen) => {
    const assertedNames = Object.keys(asserted) as IdentityField[]
    // a new address replaces the whole domicile: no part of the old one stays locked
    const stillLocked = (citizen.lockedFields ?? []).filter(
      (field) => !(replacesDomicile && isDomicileField(field))
    )
    if (replacesDomicile) {
      for (const field of DOMICILE_FIELDS) citizen[field] = null
    }
    citizen.merge({
      ...asserted,
      lockedFields: [...new Set([...stillLocked, ...assertedNames])],
      identitySource: sourceOf(identity),
      identityProvider: identity.idpId ?? null,
      identityVerifiedAt: now,
      lastLoginAt: now,
    })
    fillContacts(citizen, identity)
  })
}

/** The fields this login asserts, with their values. */
function assertedFields(identity: NormalisedIdentity, fiscalCode: string) {
  const fields: Partial<Pick<Citizen, IdentityField>> = {
    fiscalCode,
    firstName: identity.name.trim(),
    lastName: identity.familyName.trim(),
  }
  const decoded = decodeCodiceFiscale(fiscalCode)
  if (decoded) fields.gender = decoded.gender

  const birthDate = identity.dateOfBirth ?? birthDateFromCodiceFiscale(fiscalCode)
  const parsedBirthDate = birthDate ? DateTime.fromISO(birthDate) : null
  if (parsedBirthDate?.isValid) fields.birthDate = parsedBirthDate
  if (identity.placeOfBirth?.trim()) fields.birthPlace = identity.placeOfBirth.trim()

  if (identity.address?.trim()) {
    const parsed = parseSpidAddress(identity.address)
    for (const part of ADDRESS_PARTS) {
      const value = parsed[part as keyof typeof parsed]
      if (value) fields[addressField('domicile', part)] = value
    }
  }
  return fields
}

function fillContacts(citizen: Citizen, identity: NormalisedIdentity) {
  if (!citizen.email && identity.email) citizen.email = identity.email.trim().toLowerCase()
  if (!citizen.mobilePhone && identity.mobilePhone) {
    citizen.mobilePhone = identity.mobilePhone.trim()
  }
}

function sourceOf(identity: NormalisedIdentity): IdentitySource {
  return identity.source === 'cps/cns' ? 'cns' : identity.source
}
