import i18nManager from '@adonisjs/i18n/services/main'
import type { I18n } from '@adonisjs/i18n'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type Citizen from '#models/citizen'
import { birthDateFromCodiceFiscale, decodeCodiceFiscale } from '#domain/codice_fiscale'
import { CitizenMessages, loginFreeApplicantValidator } from '#validators/citizen_profile'
import { saveByFiscalCode } from '#services/citizens/save_by_fiscal_code'

/** What a login-free applicant types (the manual's "accedere senza login"). */
export type TypedApplicant = {
  nome: string
  cognome: string
  codiceFiscale: string
  email: string
  telefono: string
}

/**
 * The citizen behind data typed by hand in a service used without login.
 * The codice fiscale must pass its check character (else the
 * E_VALIDATION_ERROR a form shows next to its fields, in Italian unless
 * `i18n` says otherwise). The person is found by codice fiscale, or
 * created with identity source 'anonymous'; inside the caller's
 * transaction when `client` is given (e.g. the pratica's submission).
 *
 * Anyone can type anyone's codice fiscale, so typed data proves nothing:
 * it never changes an existing citizen's name or contacts, it only fills
 * the contacts still empty. The pratica keeps what was typed.
 */
export async function citizenFromTypedData(
  ente: EnteRef,
  data: TypedApplicant | Record<string, unknown>,
  options: { i18n?: I18n; client?: TransactionClientContract } = {}
): Promise<Citizen> {
  const applicant = await loginFreeApplicantValidator.validate(blanksAsMissing(data), {
    messagesProvider: new CitizenMessages(options.i18n ?? i18nManager.locale('it')),
  })
  const phoneField = isMobile(applicant.telefono) ? 'mobilePhone' : 'phone'

  return saveByFiscalCode(
    ente,
    applicant.codiceFiscale,
    (citizen, isNew) => {
      if (isNew) {
        const birthDate = birthDateFromCodiceFiscale(applicant.codiceFiscale)
        citizen.merge({
          firstName: applicant.nome,
          lastName: applicant.cognome,
          gender: decodeCodiceFiscale(applicant.codiceFiscale)?.gender ?? null,
          birthDate: birthDate ? DateTime.fromISO(birthDate) : null,
          identitySource: 'anonymous',
          lockedFields: [],
        })
      }
      if (!citizen.email) citizen.email = applicant.email
      if (!citizen.mobilePhone && !citizen.phone) citizen[phoneField] = applicant.telefono
    },
    options.client
  )
}

/** As the body parser hands a form over: a blank field is a missing one. */
function blanksAsMissing(data: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      typeof value === 'string' && value.trim() === '' ? null : value,
    ])
  )
}

/** Italian mobile numbers start with 3 (after +39 / 0039, if given). */
function isMobile(phone: string) {
  return /^(\+39|0039)?\s*3/.test(phone)
}
