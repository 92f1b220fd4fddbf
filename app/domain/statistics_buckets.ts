import { DateTime } from 'luxon'
import { PERIOD_ZONE, type IsoDay } from '#domain/periods'

/**
 * The time axis of Statistiche's chart: a period of whole days in
 * Europe/Rome cut into days, months or years (the fewer the days, the finer
 * the cut), each bucket a half-open range of instants. Computed here and
 * given to the database as boundaries, so SQLite (no time zones) and
 * PostgreSQL count exactly the same Rome days across DST changes.
 */
export type BucketUnit = 'day' | 'month' | 'year'

export interface Bucket {
  label: string
  start: DateTime
  end: DateTime
}

/** Up to two months by day, up to three years by month, then by year. */
const MAX_DAYS_BY_DAY = 62
const MAX_MONTHS_BY_MONTH = 36

const LABEL_FORMATS: Record<BucketUnit, string> = {
  day: 'dd/MM/yyyy',
  month: 'LLL yyyy',
  year: 'yyyy',
}

export function dayStart(day: IsoDay) {
  return DateTime.fromISO(day, { zone: PERIOD_ZONE }).startOf('day')
}

/** "16/01/2025", as the page prints a day. */
export function dayLabel(day: IsoDay) {
  return dayStart(day).toFormat('dd/MM/yyyy')
}

export function toIsoDay(value: DateTime): IsoDay {
  return value.setZone(PERIOD_ZONE).toISODate()!
}

/** The chart's default period: the last twelve months, this one included. */
export function defaultPeriod(now: DateTime): { from: IsoDay; to: IsoDay } {
  const today = now.setZone(PERIOD_ZONE).startOf('day')
  return { from: toIsoDay(today.startOf('month').minus({ months: 11 })), to: toIsoDay(today) }
}

export function bucketUnit(from: IsoDay, to: IsoDay): BucketUnit {
  const start = dayStart(from)
  const end = dayStart(to)
  if (end.diff(start, 'days').days < MAX_DAYS_BY_DAY) return 'day'
  const months = (end.year - start.year) * 12 + end.month - start.month
  return months < MAX_MONTHS_BY_MONTH ? 'month' : 'year'
}

/** The buckets from the day `from` to the day `to`, both included; the outer ones cut to the period. */
export function buckets(
  from: IsoDay,
  to: IsoDay,
  unit: BucketUnit = bucketUnit(from, to)
): { unit: BucketUnit; buckets: Bucket[] } {
  const periodStart = dayStart(from)
  const periodEnd = dayStart(to).plus({ days: 1 })
  const found: Bucket[] = []
  let cursor = periodStart.startOf(unit)
  while (cursor < periodEnd) {
    const next = cursor.plus({ [`${unit}s`]: 1 })
    found.push({
      label: cursor.setLocale('it').toFormat(LABEL_FORMATS[unit]),
      start: cursor < periodStart ? periodStart : cursor,
      end: next > periodEnd ? periodEnd : next,
    })
    cursor = next
  }
  return { unit, buckets: found }
}

/** Whole years, from the year of `first` to the year of `last`. */
export function yearBuckets(first: DateTime, last: DateTime): Bucket[] {
  const from = toIsoDay(first.setZone(PERIOD_ZONE).startOf('year'))
  const to = toIsoDay(last.setZone(PERIOD_ZONE).endOf('year'))
  return buckets(from, to, 'year').buckets
}
