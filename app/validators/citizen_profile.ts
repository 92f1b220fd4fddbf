import vine from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import type { I18n } from '@adonisjs/i18n'
import { DateTime } from 'luxon'
import { codiceFiscaleProblem, normaliseCodiceFiscale } from '#domain/codice_fiscale'

/** The identity documents the profile knows, by the value the form sends. */
export const ID_DOCUMENT_TYPES = [
  'carta_identita',
  'carta_identita_elettronica',
  'passaporto',
  'patente',
] as const

/**
 * A personal codice fiscale, normalised (upper case, no spaces or TINIT-),
 * with the check character verified. Rules: codiceFiscale.length, .format,
 * .date, .check_character (messages in resources/lang/<locale>/profile.json).
 */
export const codiceFiscaleRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const code = normaliseCodiceFiscale(value)
  const problem = codiceFiscaleProblem(code)
  if (problem) {
    field.report('Il codice fiscale non è valido', `codiceFiscale.${problem}`, field)
    return
  }
  field.mutate(code, field)
})

/** Phone numbers as people write them: +39 333 1234567, 050/123456. */
const PHONE = /^\+?[0-9][0-9 ./()-]{4,19}$/

const phone = () =>
  vine
    .string()
    .trim()
    .maxLength(32)
    .regex(PHONE)
    .transform((value) => value.replace(/\s+/g, ' '))

const text = (max: number) => vine.string().trim().maxLength(max)

/**
 * Whether the address (or the place of birth) a field belongs to is in
 * Italy: its country (residenceCountry for residencePostalCode, ...) is
 * empty or Italia.
 */
function inItaly(field: FieldContext) {
  const name = field.name.toString().replace(/(PostalCode|County)$/, 'Country')
  const country = field.parent[name]
  return !country || /^ital/i.test(String(country).trim())
}

/** An Italian CAP has 5 digits; abroad anything short. */
const postalCodeRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const valid = inItaly(field) ? /^\d{5}$/.test(value) : /^[A-Za-z0-9 -]{2,10}$/.test(value)
  if (!valid) field.report('CAP non valido', 'postalCode', field)
})

/** In Italy the sigla of the province (PI, RM), upper case; abroad free text. */
const countyRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !inItaly(field)) return
  const sigla = value.toUpperCase()
  if (!/^[A-Z]{2}$/.test(sigla)) {
    field.report('Sigla della provincia non valida', 'county', field)
    return
  }
  field.mutate(sigla, field)
})

const county = () => vine.string().trim().maxLength(40).use(countyRule())

/** A date not after today, as a Luxon date. */
const pastDate = () =>
  vine
    .date({ formats: ['YYYY-MM-DD'] })
    .beforeOrEqual('today')
    .transform((value) => DateTime.fromJSDate(value))

const postalCode = () => vine.string().trim().maxLength(10).use(postalCodeRule())

/** Required unless an identity provider locked it (then it is ignored). */
const unlessLocked = (name: string) => (field: FieldContext) =>
  !(field.meta.lockedFields as string[]).includes(name)

/**
 * The "Profilo" form. Pass `meta: { lockedFields }`: a locked field is not
 * shown, so it is not required, and whatever comes in for it is dropped by
 * the update service. The codice fiscale is never part of it.
 */
export const citizenProfileValidator = vine.withMetaData<{ lockedFields: string[] }>().compile(
  vine.object({
    email: vine.string().trim().toLowerCase().email().maxLength(255),
    mobilePhone: phone(),
    phone: phone().optional(),

    firstName: text(100).optional().requiredWhen(unlessLocked('firstName')),
    lastName: text(100).optional().requiredWhen(unlessLocked('lastName')),
    gender: vine.enum(['M', 'F']).optional(),
    birthDate: pastDate().optional().requiredWhen(unlessLocked('birthDate')),
    birthPlace: text(120).optional().requiredWhen(unlessLocked('birthPlace')),
    birthCounty: county().optional(),
    birthCountry: text(80).optional(),

    residenceAddress: text(255).optional(),
    residenceHouseNumber: text(20).optional(),
    residencePostalCode: postalCode().optional(),
    residenceMunicipality: text(120).optional(),
    residenceCounty: county().optional(),
    residenceCountry: text(80).optional(),

    domicileAddress: text(255).optional(),
    domicileHouseNumber: text(20).optional(),
    domicilePostalCode: postalCode().optional(),
    domicileMunicipality: text(120).optional(),
    domicileCounty: county().optional(),
    domicileCountry: text(80).optional(),

    idDocumentType: vine.enum(ID_DOCUMENT_TYPES).optional(),
    idDocumentNumber: vine
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9 ]{5,20}$/)
      .optional(),
    idDocumentAuthority: text(120).optional(),
    idDocumentIssuedOn: pastDate().optional(),
    idDocumentExpiresOn: vine
      .date({ formats: ['YYYY-MM-DD'] })
      .afterField('idDocumentIssuedOn')
      .transform((value) => DateTime.fromJSDate(value))
      .optional(),
  })
)

/**
 * The applicant of a service used without login (the manual's "accedere
 * senza login"): nome, cognome, codice fiscale, email, recapito telefonico.
 */
export const loginFreeApplicantValidator = vine.compile(
  vine.object({
    nome: text(100),
    cognome: text(100),
    codiceFiscale: vine.string().trim().use(codiceFiscaleRule()),
    email: vine.string().trim().toLowerCase().email().maxLength(255),
    telefono: phone(),
  })
)

/**
 * Validation messages of the citizens' forms: the field is named by its
 * label (profile.labels.*), the rules of these forms have their own
 * messages (profile.validation.*), the others are the platform's.
 */
export class CitizenMessages implements MessagesProviderContact {
  #shared: MessagesProviderContact

  constructor(private i18n: I18n) {
    this.#shared = i18n.createMessagesProvider()
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    args?: Record<string, any>
  ) {
    const label = this.#translate(`profile.labels.${field.name}`) ?? String(field.name)
    const own =
      this.#translate(`profile.validation.${field.name}.${rule}`, args) ??
      this.#translate(`profile.validation.${rule}`, { ...args, field: label })
    return own ?? this.#shared.getMessage(defaultMessage, rule, { ...field, name: label }, args)
  }

  #translate(key: string, data?: Record<string, any>) {
    // resolveIdentifier also looks in the fallback locale (Italian)
    const found = this.i18n.resolveIdentifier(key)
    return found ? this.i18n.formatRawMessage(found.message, data) : null
  }
}
