import { DateTime } from 'luxon'
import { column } from '@adonisjs/lucid/orm'

/**
 * The queue tables store times as bound JS Dates: timestamptz on
 * PostgreSQL, epoch milliseconds on SQLite (better-sqlite3 binds a Date as
 * its valueOf()). Reading gives back a Date on PostgreSQL and a number on
 * SQLite; this turns either into a Date.
 */
export function readDbTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value))
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value))
  return new Date(String(value))
}

/**
 * Lucid column for those times: writes a JS Date (see above), reads a
 * Luxon DateTime.
 */
export function timeColumn(options: { columnName?: string } = {}) {
  return column({
    ...options,
    prepare: (value: DateTime | null | undefined) => (value ? value.toJSDate() : null),
    consume: (value: unknown) => {
      const date = readDbTime(value)
      return date ? DateTime.fromJSDate(date) : null
    },
  })
}
