import { DateTime } from 'luxon'

/**
 * IRIS's value formats: amounts are `i:Importo` (decimal euros, at most
 * three decimals), dates `xs:date` in the ente's calendar (Europe/Rome),
 * timestamps `xs:dateTime`.
 */
const ZONE = 'Europe/Rome'

export function euros(amountCents: number) {
  const sign = amountCents < 0 ? '-' : ''
  const absolute = Math.abs(amountCents)
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`
}

/** "15.5", "15.50", "15.500" → 1550; without floating point rounding. */
export function cents(importo: string | number) {
  const [units, decimals = ''] = String(importo).trim().split('.')
  const fraction = `${decimals}00`.slice(0, 2)
  const negative = units.startsWith('-')
  const value = Math.abs(Number.parseInt(units, 10)) * 100 + Number.parseInt(fraction, 10)
  if (!Number.isFinite(value)) throw new TypeError(`not an IRIS amount: "${importo}"`)
  return negative ? -value : value
}

export function isoDate(date: Date) {
  return DateTime.fromJSDate(date).setZone(ZONE).toISODate()!
}

export function isoDateTime(date: Date) {
  return DateTime.fromJSDate(date).setZone(ZONE).toISO({ suppressMilliseconds: true })!
}

/** An xs:date or xs:dateTime read back from IRIS; a bare date is the end of that day in Rome. */
export function parseDate(value: string, endOfDay = false) {
  const parsed = DateTime.fromISO(value, { zone: ZONE })
  if (!parsed.isValid) throw new TypeError(`not an IRIS date: "${value}"`)
  const isBareDate = /^\d{4}-\d{2}-\d{2}$/.test(value)
  return (isBareDate && endOfDay ? parsed.endOf('day') : parsed).toJSDate()
}
