/** Where a citizen goes after logging in when no page asked for them. */
export function personalAreaPath(enteSlug: string) {
  return `/${enteSlug}/area-personale`
}

// any origin: only used to parse and normalise paths
const BASE = 'http://platform.invalid'

/**
 * A page of the same ente to send the citizen back to after a login
 * (`?torna=`), normalised, or null: never another site (`//host`,
 * `https://...`, backslashes browsers read as slashes), never another
 * ente, never the login routes themselves.
 */
export function safeReturnPath(enteSlug: string, value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith('/') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) {
    return null
  }
  const url = new URL(value, BASE)
  if (url.origin !== BASE) return null
  const prefix = `/${enteSlug}`
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return null
  if (url.pathname.startsWith(`${prefix}/auth/`)) return null
  return `${url.pathname}${url.search}`
}
