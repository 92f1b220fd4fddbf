import type { ConfigFields, FieldInput, FieldOption } from '#plugin_runtime/config_fields'

/**
 * The settings form of a plugin, generated from its field descriptors: a
 * plugin that adds a field gets it on screen with no template change. The
 * Edge component components/plugin_config/field.edge renders one field.
 */
export interface ConfigFormField {
  id: string
  /** `config[name]`, read back as request.input('config') */
  inputName: string
  label: string
  input: FieldInput
  required: boolean
  options: FieldOption[]
  /** what the input shows; always '' for secrets */
  value: string
  checked: boolean
  secret: boolean
  /** a secret is saved: blank keeps it */
  secretSet: boolean
  help?: string
  helpId?: string
  secretHintId?: string
  error?: string
  errorId?: string
  /** ids for aria-describedby, or undefined when none */
  describedBy?: string
}

export interface ConfigFormState {
  /** non-secret values: saved ones, or the ones just typed */
  values: Record<string, unknown>
  secretsSet: string[]
  /** first error message per field name */
  errors: Record<string, string>
}

function asText(value: unknown) {
  return value === undefined || value === null ? '' : String(value)
}

function isChecked(value: unknown) {
  return value === true || value === 'true' || value === 'on' || value === '1'
}

export function configFormFields(fields: ConfigFields, state: ConfigFormState): ConfigFormField[] {
  return Object.entries(fields).map(([name, definition]) => {
    const id = `plugin-config-${name}`
    const error = state.errors[name]
    const secretSet = definition.secret && state.secretsSet.includes(name)
    const formField: ConfigFormField = {
      id,
      inputName: `config[${name}]`,
      label: definition.label,
      input: definition.input,
      required: !definition.optional && definition.input !== 'boolean',
      options: definition.options ?? [],
      value: definition.secret ? '' : asText(state.values[name]),
      checked: isChecked(state.values[name]),
      secret: definition.secret,
      secretSet,
      help: definition.help,
      helpId: definition.help ? `${id}-help` : undefined,
      secretHintId: secretSet ? `${id}-secret` : undefined,
      error,
      errorId: error ? `${id}-error` : undefined,
    }
    const described = [formField.helpId, formField.secretHintId, formField.errorId].filter(Boolean)
    formField.describedBy = described.length ? described.join(' ') : undefined
    return formField
  })
}

/** VineJS error messages → the first message of each field. */
export function firstErrorPerField(messages: Array<{ field: string; message: string }>) {
  const errors: Record<string, string> = {}
  for (const { field, message } of messages) {
    errors[field] ??= message
  }
  return errors
}
