import { DateTime } from 'luxon'
import factory from '@adonisjs/lucid/factories'
import Citizen, { type IdentityField } from '#models/citizen'
import { checkCharacter, MONTH_LETTERS } from '#domain/codice_fiscale'

/**
 * A valid codice fiscale for the given birth date and gender (letters for
 * the name at random, a Belfiore code of Italy's format).
 */
export function fakeCodiceFiscale(
  birthDate: DateTime,
  gender: 'M' | 'F',
  random: { letters: string; belfiore: string }
) {
  const day = birthDate.day + (gender === 'F' ? 40 : 0)
  const first15 =
    random.letters +
    String(birthDate.year % 100).padStart(2, '0') +
    MONTH_LETTERS[birthDate.month - 1] +
    String(day).padStart(2, '0') +
    random.belfiore
  return first15 + checkCharacter(first15)
}

/**
 * By default a citizen who logged in with SPID: codice fiscale, name,
 * gender and birth date locked. `anonymous` is a login-free applicant,
 * `operator` one an operator typed in; neither has locked fields.
 */
export const CitizenFactory = factory
  .define(Citizen, ({ faker }) => {
    const gender = faker.helpers.arrayElement(['M', 'F'] as const)
    const birthDate = DateTime.fromJSDate(faker.date.birthdate({ min: 18, max: 90, mode: 'age' }))
      .setZone('Europe/Rome')
      .startOf('day')
    const fiscalCode = fakeCodiceFiscale(birthDate, gender, {
      letters: faker.string.alpha({ length: 6, casing: 'upper' }),
      belfiore:
        faker.helpers.arrayElement(['A', 'B', 'C', 'F', 'H', 'L']) + faker.string.numeric(3),
    })
    return {
      fiscalCode,
      firstName: faker.person.firstName(gender === 'F' ? 'female' : 'male'),
      lastName: faker.person.lastName(),
      gender,
      birthDate,
      email: faker.internet.email().toLowerCase(),
      identitySource: 'spid' as const,
      lockedFields: [
        'fiscalCode',
        'firstName',
        'lastName',
        'gender',
        'birthDate',
      ] as IdentityField[],
    }
  })
  .state('anonymous', (citizen) => {
    citizen.identitySource = 'anonymous'
    citizen.lockedFields = []
  })
  .state('operator', (citizen) => {
    citizen.identitySource = 'operator'
    citizen.lockedFields = []
  })
  .build()
