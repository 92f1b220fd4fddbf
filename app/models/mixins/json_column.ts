import { column } from '@adonisjs/lucid/orm'

/**
 * A JSON value stored as text, so SQLite and PostgreSQL behave the same.
 */
export function jsonColumn(options: { columnName?: string } = {}) {
  return column({
    ...options,
    prepare: (value: unknown) =>
      value === null || value === undefined ? null : JSON.stringify(value),
    consume: (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value),
  })
}
