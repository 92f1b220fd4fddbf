/** A query-string value as typed, trimmed ('' when absent or repeated). */
export function queryText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

/** A record id typed in a query string, or null when it is not one. */
export function queryId(value: string): number | null {
  return /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : null
}
