import { DateTime } from 'luxon'

/**
 * Dates of the personal area as the manual writes them, in Europe/Rome
 * and the page's language: "12 feb 2025" (day), "12 feb 2025, 16:58"
 * (moment, in lists), "16:58" or "16:58:07" (time, for "il ... alle ...").
 */
const ZONE = 'Europe/Rome'

function local(value: DateTime, locale: string) {
  return value.setZone(ZONE).setLocale(locale)
}

export function displayDay(value: DateTime, locale = 'it') {
  return local(value, locale).toFormat('d LLL yyyy')
}

export function displayMoment(value: DateTime, locale = 'it', withSeconds = false) {
  return local(value, locale).toFormat(withSeconds ? 'd LLL yyyy, HH:mm:ss' : 'd LLL yyyy, HH:mm')
}

export function displayTime(value: DateTime, withSeconds = false) {
  return value.setZone(ZONE).toFormat(withSeconds ? 'HH:mm:ss' : 'HH:mm')
}

/** Day and time apart, for sentences such as "il {date} alle {time}". */
export function dayAndTime(value: DateTime, locale = 'it', withSeconds = false) {
  return { date: displayDay(value, locale), time: displayTime(value, withSeconds) }
}
