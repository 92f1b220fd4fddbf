import vine from '@vinejs/vine'
import type { SchemaTypes } from '@vinejs/vine/types'

/**
 * A plugin's configuration is a map of fields. Each field carries its
 * VineJS schema (validation) and what the generated form needs to render
 * it (label, input kind, help, options). Secret fields are stored
 * encrypted and never shown back.
 *
 *   config: {
 *     endpoint: field.url({ label: 'Indirizzo del servizio' }),
 *     password: field.secret({ label: 'Password' }),
 *   }
 */
export const FIELD_INPUTS = [
  'text',
  'textarea',
  'url',
  'email',
  'number',
  'boolean',
  'select',
  'password',
] as const
export type FieldInput = (typeof FIELD_INPUTS)[number]

export type FieldOption = { value: string; label: string }

export interface ConfigField<Value = unknown> {
  label: string
  help?: string
  input: FieldInput
  secret: boolean
  optional: boolean
  options?: FieldOption[]
  default?: Value
  schema: SchemaTypes
  /** phantom: the validated value's type */
  readonly __value?: Value
}

export type ConfigFields = Record<string, ConfigField<any>>

/** The validated configuration object a plugin receives. */
export type InferConfig<Fields extends ConfigFields> = {
  [K in keyof Fields]: Fields[K] extends ConfigField<infer V> ? V : never
}

type Common<V> = { label: string; help?: string; default?: V }
type Optional<V, O extends boolean | undefined> = O extends true ? V | undefined : V

function make<V>(
  input: FieldInput,
  schema: any,
  opts: Common<V> & { optional?: boolean; secret?: boolean; options?: FieldOption[] }
): ConfigField<V> {
  return {
    label: opts.label,
    help: opts.help,
    input,
    secret: opts.secret ?? false,
    optional: opts.optional ?? false,
    options: opts.options,
    default: opts.default,
    schema: opts.optional ? schema.optional() : schema,
  }
}

export const field = {
  text<O extends boolean | undefined = false>(
    opts: Common<string> & { optional?: O; maxLength?: number }
  ) {
    return make<Optional<string, O>>(
      'text',
      vine
        .string()
        .trim()
        .maxLength(opts.maxLength ?? 255),
      opts
    )
  },
  textarea<O extends boolean | undefined = false>(opts: Common<string> & { optional?: O }) {
    return make<Optional<string, O>>('textarea', vine.string().trim().maxLength(20_000), opts)
  },
  url<O extends boolean | undefined = false>(opts: Common<string> & { optional?: O }) {
    return make<Optional<string, O>>(
      'url',
      vine
        .string()
        .trim()
        .url({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }),
      opts
    )
  },
  email<O extends boolean | undefined = false>(opts: Common<string> & { optional?: O }) {
    return make<Optional<string, O>>('email', vine.string().trim().email(), opts)
  },
  number<O extends boolean | undefined = false>(
    opts: Common<number> & { optional?: O; min?: number; max?: number }
  ) {
    let schema = vine.number()
    if (opts.min !== undefined) schema = schema.min(opts.min)
    if (opts.max !== undefined) schema = schema.max(opts.max)
    return make<Optional<number, O>>('number', schema, opts)
  },
  boolean(opts: Common<boolean>) {
    // an unchecked checkbox sends nothing: absent means false
    return make<boolean>(
      'boolean',
      vine
        .boolean()
        .optional()
        .transform((value) => value ?? false),
      {
        ...opts,
        optional: false,
      }
    )
  },
  select<const Values extends string, O extends boolean | undefined = false>(
    opts: Common<Values> & { optional?: O; options: Array<{ value: Values; label: string }> }
  ) {
    return make<Optional<Values, O>>(
      'select',
      vine.enum(opts.options.map((option) => option.value)),
      opts
    )
  },
  /** Stored encrypted; the form never shows it back (blank keeps the saved value). */
  secret<O extends boolean | undefined = false>(opts: Common<string> & { optional?: O }) {
    return make<Optional<string, O>>('password', vine.string().maxLength(4096), {
      ...opts,
      secret: true,
    })
  },
}

/** The VineJS object schema of a whole configuration. */
export function configObjectSchema(fields: ConfigFields) {
  const properties: Record<string, SchemaTypes> = {}
  for (const [name, definition] of Object.entries(fields)) {
    properties[name] = definition.schema
  }
  return vine.object(properties)
}
