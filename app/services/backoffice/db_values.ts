import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * Raw queries (the Elenco pratiche reads rows without models, to stream
 * them) see timestamps as the driver gives them: Date objects from
 * PostgreSQL, "yyyy-MM-dd HH:mm:ss" text from SQLite, written by Lucid in
 * the process's zone. These helpers bind and read them the same way Lucid
 * does.
 */
export function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}

export function timestampBinding(value: DateTime): Date | string {
  return isPostgres() ? value.toJSDate() : value.toLocal().toFormat('yyyy-MM-dd HH:mm:ss')
}

export function readTimestamp(value: unknown): DateTime | null {
  if (value instanceof Date) return DateTime.fromJSDate(value)
  if (typeof value !== 'string' || !value) return null
  const sql = DateTime.fromSQL(value)
  return sql.isValid ? sql : DateTime.fromISO(value)
}

/** A JSON column stored as text (see the jsonColumn mixin). */
export function readJson<T>(value: unknown): T | null {
  if (typeof value !== 'string') return (value as T) ?? null
  try {
    return JSON.parse(value) as T
  } catch {
    return null
  }
}
