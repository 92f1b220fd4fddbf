import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The signature of Advanced System's outcome push (api.ts `Esito`,
 * provisional): hex HMAC-SHA256 of the raw body under the ente's
 * notification key. Used by the simulator to sign, by the adapter to check.
 */
export function signPush(rawBody: string, key: string) {
  return createHmac('sha256', key).update(rawBody, 'utf8').digest('hex')
}

/** Compared in constant time; a missing or malformed header never matches. */
export function pushSignatureMatches(
  rawBody: string,
  header: string | string[] | undefined,
  key: string
) {
  const given = Array.isArray(header) ? header[0] : header
  if (!given || !/^[0-9a-f]{64}$/i.test(given.trim())) return false
  const expected = Buffer.from(signPush(rawBody, key), 'hex')
  return timingSafeEqual(Buffer.from(given.trim(), 'hex'), expected)
}
