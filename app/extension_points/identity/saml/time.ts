/**
 * SAML instants: xs:dateTime in UTC. We write whole seconds with "Z" (as the
 * AgID examples do) and read what IdPs send, fractions of a second included;
 * a value without a zone is UTC, as SAML core 1.3.3 says every value is.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z)?$/

export function samlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** The instant, or null when the value is not a UTC xs:dateTime. */
export function parseSamlInstant(value: string): Date | null {
  const match = INSTANT.exec(value.trim())
  if (!match) return null
  const [, year, month, day, hour, minute, second, fraction] = match
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0
  const time = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, millis)
  const date = new Date(time)
  // rejects 2024-02-30 and friends, which Date.UTC silently rolls over
  if (date.getUTCDate() !== +day || date.getUTCMonth() !== +month - 1) return null
  return date
}
