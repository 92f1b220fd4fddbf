import type { ConfigFields } from '#plugin_runtime/config_fields'
import type { SecretValues } from '#plugin_runtime/plugin_secrets'

/**
 * Moves configuration values between the three shapes they take: what the
 * settings form sends, what the schema validates, what is stored (plain
 * values in `config`, secret ones sealed in `secrets`).
 */

function isBlank(value: unknown) {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim())
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/**
 * The object to validate from the form's `config[...]` inputs: a blank input
 * is absent (so optional fields stay unset and required ones say so); a
 * blank secret keeps the saved secret, since the form never shows it back.
 * Only declared fields are taken.
 */
export function configFromForm(
  fields: ConfigFields,
  input: unknown,
  savedSecrets: SecretValues
): Record<string, unknown> {
  const sent = asRecord(input)
  const candidate: Record<string, unknown> = {}
  for (const [name, definition] of Object.entries(fields)) {
    if (!isBlank(sent[name])) {
      candidate[name] = sent[name]
    } else if (definition.secret && savedSecrets[name] !== undefined) {
      candidate[name] = savedSecrets[name]
    }
  }
  return candidate
}

/** Splits a validated configuration into its stored halves. */
export function splitSecrets(fields: ConfigFields, validated: Record<string, unknown>) {
  const config: Record<string, unknown> = {}
  const secrets: SecretValues = {}
  for (const [name, definition] of Object.entries(fields)) {
    const value = validated[name]
    if (value === undefined) continue
    if (definition.secret) {
      secrets[name] = String(value)
    } else {
      config[name] = value
    }
  }
  return { config, secrets }
}

/**
 * The stored configuration, secrets included, with the descriptors'
 * defaults for values never saved (a plugin update may add fields).
 */
export function storedConfig(
  fields: ConfigFields,
  config: Record<string, unknown>,
  secrets: SecretValues
): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  for (const [name, definition] of Object.entries(fields)) {
    const value = definition.secret ? secrets[name] : (config[name] ?? definition.default)
    if (value !== undefined) merged[name] = value
  }
  return merged
}

/** The non-secret values of `source` (saved or just typed), to show in the form. */
export function withoutSecrets(
  fields: ConfigFields,
  source: Record<string, unknown>
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [name, definition] of Object.entries(fields)) {
    if (!definition.secret && source[name] !== undefined) values[name] = source[name]
  }
  return values
}
