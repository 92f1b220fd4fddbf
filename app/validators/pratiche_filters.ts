import vine, { errors } from '@vinejs/vine'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { PERIODS, isIsoDay } from '#domain/periods'
import { PRIORITIES } from '#services/backoffice/labels'
import { SORT_KEYS } from '#services/backoffice/pratiche_list'
import { TABLE_FLAGS, type TableFlag } from '#services/backoffice/table_options'

/**
 * The query string of the Elenco pratiche (and of its CSV export): the
 * filters, the order, the page and the "Opzioni tabella". Names are the
 * form's, in Italian. A value that does not fit is reported next to its
 * field and left out of the search; the rest still applies, so nothing
 * typed is lost.
 */
export const PER_PAGE_CHOICES = [10, 25, 50, 100] as const

const isoDay = vine.createRule((value, _options, field) => {
  if (!isIsoDay(value)) field.report('', 'isoDay', field)
})

const fieldKeys = () => vine.array(vine.string().maxLength(200)).maxLength(500).optional()

const schema = vine.object({
  servizio: vine.number().withoutDecimals().positive().optional(),
  stato: vine.number().withoutDecimals().positive().optional(),
  area: vine.number().withoutDecimals().positive().optional(),
  lavorazione: vine
    .string()
    .regex(/^(mie|da-assegnare|ufficio-\d{1,9})$/)
    .optional(),
  periodo: vine.enum(PERIODS).optional(),
  dal: vine.string().use(isoDay()).optional(),
  al: vine.string().use(isoDay()).optional(),
  priorita: vine.number().in(PRIORITIES).optional(),
  cerca: vine.string().trim().maxLength(100).optional(),
  ordina: vine.enum(SORT_KEYS).optional(),
  verso: vine.enum(['asc', 'desc'] as const).optional(),
  per_pagina: vine
    .number()
    .in([...PER_PAGE_CHOICES])
    .optional(),
  page: vine.number().withoutDecimals().min(1).max(1_000_000).optional(),
  visualizza: fieldKeys(),
  somma: fieldKeys(),
  media: fieldKeys(),
  conta: fieldKeys(),
})

const validator = vine.compile(schema)

export type PraticheFiltersInput = Awaited<ReturnType<typeof validator.validate>>

const MESSAGES: Record<string, string> = {
  servizio: "Scegli un servizio dell'elenco.",
  stato: "Scegli uno stato dell'elenco.",
  area: "Scegli un'area geografica dell'elenco.",
  lavorazione: "Scegli una lavorazione dell'elenco.",
  periodo: "Scegli un periodo dell'elenco.",
  dal: 'Inserisci una data valida, ad esempio 16/01/2025.',
  al: 'Inserisci una data valida, ad esempio 26/01/2025.',
  priorita: "Scegli una priorità dell'elenco.",
  cerca: 'La ricerca può essere lunga al massimo 100 caratteri.',
  ordina: "Scegli una colonna dell'elenco.",
  verso: 'Ordine non valido.',
  per_pagina: 'Scegli 10, 25, 50 o 100 risultati per pagina.',
  page: 'Pagina non valida.',
}

/** One message per field, whatever rule failed: the field says what it wants. */
const messagesProvider: MessagesProviderContact = {
  getMessage(_raw: string, _rule: string, field: FieldContext) {
    const name = String(field.wildCardPath).split('.')[0]
    return MESSAGES[name] ?? 'Valore non valido.'
  },
}

/**
 * Validates the query string. Empty values ("Tutti") count as missing; a
 * single value of a list (one "visualizza") as a list of one.
 */
export async function validatePraticheFilters(query: Record<string, unknown>): Promise<{
  input: PraticheFiltersInput
  errors: Record<string, string>
}> {
  let data = normalise(query)
  const found: Record<string, string> = {}
  // a second pass without the fields that failed cannot fail again
  for (let pass = 0; pass < 2; pass++) {
    try {
      return { input: await validator.validate(data, { messagesProvider }), errors: found }
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      for (const message of error.messages as Array<{ field: string; message: string }>) {
        const name = message.field.split('.')[0]
        found[name] ??= message.message
      }
      data = Object.fromEntries(Object.entries(data).filter(([name]) => !(name in found)))
    }
  }
  throw new Error('pratiche filters: validation did not settle')
}

function normalise(query: Record<string, unknown>) {
  const data: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(query)) {
    if (TABLE_FLAGS.includes(name as TableFlag)) {
      data[name] = (Array.isArray(value) ? value : [value]).filter(
        (item) => typeof item === 'string' && item !== ''
      )
    } else if (typeof value === 'string' && value.trim() !== '') {
      data[name] = value
    }
  }
  return data
}
