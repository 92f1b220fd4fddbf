import vine from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'
import { configObjectSchema, type ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Validates a plugin configuration with the VineJS schema compiled from its
 * field descriptors. Messages are the platform's Italian validation
 * messages (resources/lang/it/validator.json), naming the field by its
 * label, so they read well both next to the field and in the error summary.
 */
/** Compiling is the costly step: once per field map (i.e. per manifest). */
const validators = new WeakMap<ConfigFields, ReturnType<typeof compile>>()

function compile(fields: ConfigFields) {
  return vine.compile(configObjectSchema(fields))
}

export async function validatePluginConfig(
  fields: ConfigFields,
  data: Record<string, unknown>
): Promise<Record<string, unknown>> {
  let validator = validators.get(fields)
  if (!validator) {
    validator = compile(fields)
    validators.set(fields, validator)
  }
  const labels = Object.fromEntries(
    Object.entries(fields).map(([name, definition]) => [name, definition.label])
  )
  return validator.validate(data, { messagesProvider: new LabelledMessages(labels) })
}

/** The Italian messages, with the field's label in place of its name. */
class LabelledMessages implements MessagesProviderContact {
  #messages = i18nManager.locale('it').createMessagesProvider()

  constructor(private labels: Record<string, string>) {}

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    args?: Record<string, any>
  ) {
    const name = this.labels[field.name] ?? String(field.name)
    return this.#messages.getMessage(defaultMessage, rule, { ...field, name }, args)
  }
}
