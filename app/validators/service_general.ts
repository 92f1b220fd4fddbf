import vine from '@vinejs/vine'
import { LANGUAGES } from '#domain/languages'
import { ServiceFieldMessages, LANGUAGE_SUFFIX } from '#validators/service_labels'

export const SERVICE_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$/

interface SlugMeta {
  enteId: number
  /** the service being edited; null when creating */
  serviceId: number | null
}

/** The slug is the service's address on the site: unique within the ente. */
const slugField = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .maxLength(120)
    .regex(SERVICE_SLUG)
    .unique(async (db, value, field) => {
      const { enteId, serviceId } = field.meta as SlugMeta
      const query = db.from('services').where('ente_id', enteId).where('slug', value)
      if (serviceId) query.whereNot('id', serviceId)
      return !(await query.first())
    })

const optionalText = (max: number) => vine.string().trim().maxLength(max).optional()

/** "Crea servizio": the name, the address (from the name when left empty), the category. */
export const createServiceValidator = vine.withMetaData<SlugMeta>().compile(
  vine.object({
    name: vine.string().trim().minLength(3).maxLength(255),
    slug: slugField().optional(),
    categoryId: vine.number().withoutDecimals().positive().optional(),
  })
)

/**
 * "Dati generali": the service's name and short description (what the
 * catalogue's card shows) in each language, and its address. Italian is
 * required, English and German are added to it.
 */
export const serviceGeneralValidator = vine.withMetaData<SlugMeta>().compile(
  vine.object({
    slug: slugField(),
    nome: vine.object({
      it: vine.string().trim().minLength(3).maxLength(255),
      en: optionalText(255),
      de: optionalText(255),
    }),
    descrizione_breve: vine.object({
      it: optionalText(500),
      en: optionalText(500),
      de: optionalText(500),
    }),
  })
)

export const generalMessages = new ServiceFieldMessages(
  {
    name: 'Nome del servizio',
    slug: 'Indirizzo nel sito',
    categoryId: 'Categoria',
    ...Object.fromEntries(
      LANGUAGES.flatMap((language) => [
        [`nome.${language}`, `Nome del servizio${LANGUAGE_SUFFIX[language]}`],
        [`descrizione_breve.${language}`, `Descrizione breve${LANGUAGE_SUFFIX[language]}`],
      ])
    ),
  },
  {
    'slug.regex':
      "L'indirizzo nel sito può contenere solo lettere minuscole senza accenti, numeri e trattini.",
    'slug.database.unique': "Questo indirizzo è già usato da un altro servizio dell'ente.",
  }
)
