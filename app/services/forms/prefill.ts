import type Citizen from '#models/citizen'
import type { FormValues } from '#domain/forms/types'

/**
 * The Richiedente block filled from the citizen's profile, in OpenCity's
 * keys (`applicant.completename.name`, `applicant.Born.natoAIl`...). The
 * form shows "Abbiamo compilato il tuo profilo utilizzando i dati di SPID
 * o di CIE" when the data came from an identity provider.
 */
export function applicantPrefill(citizen: Citizen): FormValues {
  const present = <T>(value: T | null | undefined) =>
    value === null || value === undefined ? undefined : value
  const applicant = {
    completename: { name: citizen.firstName, surname: citizen.lastName },
    fiscal_code: { fiscal_code: citizen.fiscalCode },
    gender: {
      gender: citizen.gender === 'F' ? 'femmina' : citizen.gender === 'M' ? 'maschio' : undefined,
    },
    Born: {
      natoAIl: citizen.birthDate?.toFormat('dd/MM/yyyy'),
      place_of_birth: present(citizen.birthPlace),
    },
    email_address: present(citizen.email),
    cell_number: present(citizen.mobilePhone),
    phone_number: present(citizen.phone),
    address: {
      address: present(citizen.residenceAddress),
      house_number: present(citizen.residenceHouseNumber),
      municipality: present(citizen.residenceMunicipality),
      postal_code: present(citizen.residencePostalCode),
      county: present(citizen.residenceCounty),
    },
  }
  return { applicant: JSON.parse(JSON.stringify(applicant)) }
}

/** Whether the profile's identity came from SPID or CIE (the manual's note above the Richiedente). */
export function prefilledFromIdentityProvider(citizen: Citizen) {
  return ['spid', 'cie', 'cns'].includes(String(citizen.identitySource))
}
