import vine from '@vinejs/vine'
import { LANGUAGES } from '#domain/languages'
import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from '#domain/message_template'
import { ServiceFieldMessages, LANGUAGE_SUFFIX } from '#validators/service_labels'

const MAX_TEMPLATE_LENGTH = 5000

/** A placeholder that is not one of DESIGN.md's would be sent as written: refuse it here. */
const knownPlaceholders = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const unknown = unknownPlaceholders(value)
  if (unknown.length) {
    field.report(
      `Segnaposto sconosciut${unknown.length > 1 ? 'i' : 'o'}: ${unknown.map((name) => `{{ ${name} }}`).join(', ')}. ` +
        `Puoi usare: ${TEMPLATE_PLACEHOLDERS.map((name) => `{{ ${name} }}`).join(', ')}.`,
      'placeholders',
      field
    )
  }
})

const template = () =>
  vine.string().trim().maxLength(MAX_TEMPLATE_LENGTH).use(knownPlaceholders()).optional()

/** "Messaggi": one template per state, in one language at a time. */
export const serviceMessagesValidator = vine.compile(
  vine.object({
    lingua: vine.enum(LANGUAGES),
    messages: vine.record(template()).optional(),
  })
)

/** "Ricevuta": the receipt text in each language. */
export const serviceReceiptValidator = vine.compile(
  vine.object({
    receipt: vine.object({ it: template(), en: template(), de: template() }),
  })
)

export const templateMessages = new ServiceFieldMessages({
  'lingua': 'Lingua',
  'messages.*': 'Messaggio',
  ...Object.fromEntries(
    LANGUAGES.map((language) => [
      `receipt.${language}`,
      `Testo della ricevuta${LANGUAGE_SUFFIX[language]}`,
    ])
  ),
})
