import { DateTime } from 'luxon'

/**
 * Dates of a pratica as the manual prints them: "15 apr 2025",
 * "15 apr 2025 alle 11:57", in Europe/Rome.
 */
const ZONE = 'Europe/Rome'

function local(value: DateTime) {
  return value.setZone(ZONE).setLocale('it')
}

export function longDate(value: DateTime | null) {
  return value ? local(value).toFormat('d LLL yyyy') : ''
}

export function dateAndTime(value: DateTime | null, options: { seconds?: boolean } = {}) {
  return value
    ? local(value).toFormat(
        options.seconds ? "d LLL yyyy 'alle' HH:mm:ss" : "d LLL yyyy 'alle' HH:mm"
      )
    : ''
}
