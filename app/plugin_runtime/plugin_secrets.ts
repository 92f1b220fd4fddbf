import encryption from '@adonisjs/core/services/encryption'

/**
 * Secret config values at rest: one ciphertext per ente_plugins row (the
 * `secrets` column), made with the app's encryption service (APP_KEY).
 * The purpose binds the ciphertext to its row, so copying it to another
 * ente or plugin makes it unreadable instead of leaking it there.
 */
export type SecretValues = Record<string, string>

function purpose(enteId: number, pluginId: string) {
  return `ente-plugin-secrets:${enteId}:${pluginId}`
}

export function sealSecrets(values: SecretValues, enteId: number, pluginId: string) {
  return Object.keys(values).length > 0
    ? encryption.encrypt(values, undefined, purpose(enteId, pluginId))
    : null
}

/**
 * Returns null when the ciphertext cannot be read (APP_KEY rotated, row
 * tampered with): callers treat the secrets as not set.
 */
export function openSecrets(
  ciphertext: string | null,
  enteId: number,
  pluginId: string
): SecretValues | null {
  if (!ciphertext) return {}
  return encryption.decrypt<SecretValues>(ciphertext, purpose(enteId, pluginId))
}
