import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { configObjectSchema, type ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Validates a plugin configuration with the VineJS schema compiled from its
 * field descriptors. Messages are Italian and name the field by its label,
 * so they read well both next to the field and in the error summary.
 * Rules a plugin adds itself fall back to VineJS's default message.
 */
const MESSAGES: Record<string, string> = {
  required: 'Il campo {{ field }} è obbligatorio',
  string: 'Il campo {{ field }} deve essere un testo',
  url: 'Il campo {{ field }} deve essere un indirizzo web valido (http:// o https://)',
  email: 'Il campo {{ field }} deve essere un indirizzo email valido',
  number: 'Il campo {{ field }} deve essere un numero',
  min: 'Il campo {{ field }} deve essere almeno {{ min }}',
  max: 'Il campo {{ field }} non può superare {{ max }}',
  minLength: 'Il campo {{ field }} deve avere almeno {{ min }} caratteri',
  maxLength: 'Il campo {{ field }} non può superare {{ max }} caratteri',
  fixedLength: 'Il campo {{ field }} deve avere {{ size }} caratteri',
  regex: 'Il formato del campo {{ field }} non è valido',
  enum: 'Scegliere uno dei valori proposti per il campo {{ field }}',
  in: 'Scegliere uno dei valori proposti per il campo {{ field }}',
  boolean: 'Il campo {{ field }} deve essere sì o no',
}

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
  return validator.validate(data, {
    messagesProvider: new SimpleMessagesProvider(MESSAGES, labels),
  })
}
