import { DateTime } from 'luxon'

/**
 * The "Ultimo cambio stato" periods of the manual's Elenco pratiche, as
 * half-open ranges [from, to) of instants. Days, weeks and months are those
 * of Europe/Rome, whatever the server's zone: a day around a DST change
 * lasts 23 or 25 hours, weeks run Monday to Sunday.
 */
export const PERIODS = [
  'oggi',
  'ieri',
  'questa-settimana',
  'settimana-scorsa',
  'questo-mese',
  'mese-scorso',
  'personalizzato',
] as const
export type Period = (typeof PERIODS)[number]

export const PERIOD_LABELS: Record<Period, string> = {
  'oggi': 'Oggi',
  'ieri': 'Ieri',
  'questa-settimana': 'Questa settimana',
  'settimana-scorsa': 'Settimana scorsa',
  'questo-mese': 'Questo mese',
  'mese-scorso': 'Il mese scorso',
  'personalizzato': 'Personalizzato',
}

export const PERIOD_ZONE = 'Europe/Rome'

/** An open side is null: "dal 1 marzo" has no end. */
export interface InstantRange {
  from: DateTime | null
  to: DateTime | null
}

/** A calendar day as typed in a date input: YYYY-MM-DD. */
export type IsoDay = string

export function isPeriod(value: unknown): value is Period {
  return PERIODS.includes(value as Period)
}

/**
 * The range of a named period at `now`; for "personalizzato" the days
 * `fromDay` and `toDay` (both included, either may be missing).
 */
export function periodRange(
  period: Period,
  now: DateTime,
  custom: { fromDay?: IsoDay | null; toDay?: IsoDay | null } = {}
): InstantRange {
  const today = now.setZone(PERIOD_ZONE).startOf('day')
  switch (period) {
    case 'oggi':
      return days(today, 1)
    case 'ieri':
      return days(today.minus({ days: 1 }), 1)
    case 'questa-settimana':
      return days(today.startOf('week'), 7)
    case 'settimana-scorsa':
      return days(today.startOf('week').minus({ weeks: 1 }), 7)
    case 'questo-mese':
      return months(today.startOf('month'), 1)
    case 'mese-scorso':
      return months(today.startOf('month').minus({ months: 1 }), 1)
    case 'personalizzato':
      return {
        from: custom.fromDay ? startOfDay(custom.fromDay) : null,
        to: custom.toDay ? startOfDay(custom.toDay).plus({ days: 1 }) : null,
      }
  }
}

/** Whether a typed day is a real one (2025-02-30 is not). */
export function isIsoDay(value: unknown): value is IsoDay {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    DateTime.fromISO(value, { zone: PERIOD_ZONE }).isValid
  )
}

function startOfDay(day: IsoDay) {
  return DateTime.fromISO(day, { zone: PERIOD_ZONE }).startOf('day')
}

// calendar arithmetic in the zone: plus({ days }) keeps midnight across DST
function days(start: DateTime, count: number): InstantRange {
  return { from: start, to: start.plus({ days: count }) }
}

function months(start: DateTime, count: number): InstantRange {
  return { from: start, to: start.plus({ months: count }) }
}
