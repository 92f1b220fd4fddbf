/**
 * The few calls of moment.js that Form.io code in OpenCity forms makes
 * (`moment(text, 'DD/MM/YYYY').isValid()`, `isBetween`, `isBefore`...),
 * on plain calendar days. Parsing is lenient like moment's: the digits are
 * read in the order of the format, whatever the separators.
 */
export class MomentLite {
  constructor(readonly day: { year: number; month: number; date: number } | null) {}

  static readonly METHODS = new Set([
    'isValid',
    'isBetween',
    'isBefore',
    'isAfter',
    'isSame',
    'isSameOrBefore',
    'isSameOrAfter',
    'format',
    'year',
    'month',
    'date',
    'diff',
  ])

  #ordinal() {
    return this.day ? this.day.year * 10000 + this.day.month * 100 + this.day.date : Number.NaN
  }

  isValid() {
    return this.day !== null
  }

  isBefore(other: MomentLite) {
    return this.#ordinal() < other.#ordinal()
  }

  isAfter(other: MomentLite) {
    return this.#ordinal() > other.#ordinal()
  }

  isSame(other: MomentLite) {
    return this.#ordinal() === other.#ordinal()
  }

  isSameOrBefore(other: MomentLite) {
    return this.#ordinal() <= other.#ordinal()
  }

  isSameOrAfter(other: MomentLite) {
    return this.#ordinal() >= other.#ordinal()
  }

  /** `inclusivity` as moment's: '()' (default), '[]', '[)', '(]'. */
  isBetween(from: MomentLite, to: MomentLite, _unit?: string, inclusivity = '()') {
    const value = this.#ordinal()
    const afterFrom = inclusivity[0] === '[' ? value >= from.#ordinal() : value > from.#ordinal()
    const beforeTo = inclusivity[1] === ']' ? value <= to.#ordinal() : value < to.#ordinal()
    return afterFrom && beforeTo
  }

  year() {
    return this.day?.year ?? Number.NaN
  }

  /** zero-based, as moment */
  month() {
    return this.day ? this.day.month - 1 : Number.NaN
  }

  date() {
    return this.day?.date ?? Number.NaN
  }

  /** Whole years or days between two dates (moment's `diff(other, 'years' | 'days')`). */
  diff(other: MomentLite, unit = 'days') {
    if (!this.day || !other.day) return Number.NaN
    if (unit.startsWith('year')) {
      let years = this.day.year - other.day.year
      const before = this.day.month * 100 + this.day.date < other.day.month * 100 + other.day.date
      if (years > 0 && before) years--
      if (years < 0 && !before) years++
      return years
    }
    const epoch = (day: { year: number; month: number; date: number }) =>
      Date.UTC(day.year, day.month - 1, day.date) / 86_400_000
    return epoch(this.day) - epoch(other.day)
  }

  format(pattern = 'YYYY-MM-DD') {
    if (!this.day) return 'Invalid date'
    const pad = (value: number, size = 2) => String(value).padStart(size, '0')
    return pattern
      .replace('YYYY', pad(this.day.year, 4))
      .replace('MM', pad(this.day.month))
      .replace('DD', pad(this.day.date))
  }
}

export function validDay(year: number, month: number, date: number) {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(date)) return false
  if (month < 1 || month > 12 || date < 1 || year < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return date <= days
}

/** `moment()` (today), `moment(text, format)`, `moment(isoText)`. */
export function momentLite(today: { year: number; month: number; date: number }) {
  return (value?: unknown, format?: unknown): MomentLite => {
    if (value === undefined) return new MomentLite(today)
    if (value instanceof MomentLite) return value
    if (typeof value !== 'string') return new MomentLite(null)
    const pattern = typeof format === 'string' ? format.toUpperCase() : 'YYYY-MM-DD'
    const order = ['YYYY', 'MM', 'DD']
      .map((part) => ({ part, at: pattern.indexOf(part) }))
      .filter((entry) => entry.at >= 0)
      .sort((a, b) => a.at - b.at)
      .map((entry) => entry.part)
    const numbers = value.match(/\d+/g) ?? []
    if (order.length !== 3 || numbers.length < 3) return new MomentLite(null)
    const parts: Record<string, number> = {}
    order.forEach((part, index) => (parts[part] = Number(numbers[index])))
    return validDay(parts.YYYY, parts.MM, parts.DD)
      ? new MomentLite({ year: parts.YYYY, month: parts.MM, date: parts.DD })
      : new MomentLite(null)
  }
}
