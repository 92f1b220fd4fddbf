import vine from '@vinejs/vine'
import { LANGUAGES } from '#domain/languages'
import { RESERVED_SLUGS } from '#domain/slug'
import { isValidPartitaIva } from '#domain/partita_iva'

/** A public body's codice fiscale: 11 digits with the partita IVA check digit. */
const enteCodiceFiscale = vine.createRule((value, _options, field) => {
  if (typeof value === 'string' && !isValidPartitaIva(value)) {
    field.report(
      "Il codice fiscale dell'ente non è valido (11 cifre con la cifra di controllo)",
      'codiceFiscale',
      field
    )
  }
})

const enteFields = {
  name: vine.string().trim().minLength(3).maxLength(255),
  codiceFiscale: vine
    .string()
    .trim()
    .regex(/^\d{11}$/)
    .use(enteCodiceFiscale()),
  codiceIpa: vine.string().trim().maxLength(32).optional(),
  email: vine.string().trim().email().optional(),
  pec: vine.string().trim().email().optional(),
  phone: vine.string().trim().maxLength(32).optional(),
  address: vine.string().trim().maxLength(255).optional(),
  website: vine.string().trim().url({ require_protocol: true }).optional(),
  languages: vine.array(vine.enum(LANGUAGES)).optional(),
}

const hostRule = (enteId?: number) =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+(:\d+)?$/)
    .unique(async (db, value) => {
      const query = db.from('enti').where('host', value)
      if (enteId) query.whereNot('id', enteId)
      return !(await query.first())
    })
    .optional()

export const createEnteValidator = vine.compile(
  vine.object({
    slug: vine
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
      .notIn(RESERVED_SLUGS)
      .unique(async (db, value) => !(await db.from('enti').where('slug', value).first())),
    host: hostRule(),
    ...enteFields,
  })
)

export const updateEnteValidator = (enteId: number) =>
  vine.compile(
    vine.object({
      host: hostRule(enteId),
      isActive: vine.boolean().optional(),
      ...enteFields,
    })
  )
