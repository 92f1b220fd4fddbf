import i18nManager from '@adonisjs/i18n/services/main'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Messages of the service configuration's forms: the platform's Italian
 * validation messages (resources/lang/it/validator.json) naming each field
 * by the label the admin reads, or a message of its own for a field and
 * rule ("slug.regex"). A rule of ours that reports its own Italian message
 * keeps it as written (it may quote "{{ nome }}", which the message
 * formatter would take for an argument).
 */
export class ServiceFieldMessages implements MessagesProviderContact {
  #i18n = i18nManager.locale('it')
  #messages = this.#i18n.createMessagesProvider()

  constructor(
    private labels: Record<string, string>,
    private own: Record<string, string> = {}
  ) {}

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    args?: Record<string, any>
  ) {
    const path = field.wildCardPath
    const own = this.own[`${path}.${rule}`]
    if (own) return own
    if (!this.#i18n.hasMessage(`validator.shared.messages.${rule}`)) return defaultMessage
    const name = this.labels[path] ?? this.labels[String(field.name)] ?? String(field.name)
    return this.#messages.getMessage(defaultMessage, rule, { ...field, name }, args)
  }
}

/** Labels of the scheda's texts, by the input name of each language. */
export const LANGUAGE_SUFFIX = { it: '', en: ' (inglese)', de: ' (tedesco)' } as const
