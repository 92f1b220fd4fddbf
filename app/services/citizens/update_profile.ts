import type { Infer } from '@vinejs/vine/types'
import type Citizen from '#models/citizen'
import type { citizenProfileValidator } from '#validators/citizen_profile'

export type ProfileInput = Infer<typeof citizenProfileValidator>

/** What the citizen edits on the "Profilo" page (never the codice fiscale). */
export const PROFILE_FIELDS = [
  'email',
  'mobilePhone',
  'phone',
  'firstName',
  'lastName',
  'gender',
  'birthDate',
  'birthPlace',
  'birthCounty',
  'birthCountry',
  'residenceAddress',
  'residenceHouseNumber',
  'residencePostalCode',
  'residenceMunicipality',
  'residenceCounty',
  'residenceCountry',
  'domicileAddress',
  'domicileHouseNumber',
  'domicilePostalCode',
  'domicileMunicipality',
  'domicileCounty',
  'domicileCountry',
  'idDocumentType',
  'idDocumentNumber',
  'idDocumentAuthority',
  'idDocumentIssuedOn',
  'idDocumentExpiresOn',
] as const satisfies readonly (keyof ProfileInput & keyof Citizen)[]

/**
 * Saves the "Profilo" form. A field left empty is cleared; a field an
 * identity provider locked keeps its value whatever the form sent (the
 * page does not show it as an input, so anything there was tampered with).
 */
export async function updateCitizenProfile(citizen: Citizen, input: ProfileInput) {
  for (const field of PROFILE_FIELDS) {
    if (citizen.isLocked(field)) continue
    // one field at a time: TypeScript cannot pair the input's and the model's type per key
    citizen.merge({ [field]: input[field] ?? null } as Partial<Citizen>)
  }
  await citizen.save()
  return citizen
}
