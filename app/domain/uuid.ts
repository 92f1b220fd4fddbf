const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Whether a value from a URL or a form is a UUID (a request number, a
 * position or a bollo). Check before querying a uuid column: PostgreSQL
 * refuses anything else with an error, where the answer must be a 404.
 */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
