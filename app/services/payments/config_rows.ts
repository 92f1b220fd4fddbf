/**
 * Lists of rows in the configuration forms of payments and bolli, which
 * add and remove rows by posting the form back.
 */

/** A posted list: an array, or an object keyed by index (qs past its array limit). */
export function listOf<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value.filter((item) => item && typeof item === 'object')
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, item]) => item)
      .filter((item) => item && typeof item === 'object') as T[]
  }
  return []
}

/** "aggiungi" appends a new row, "elimina" removes the row at `index`. */
export function moveAction<T>(rows: T[], verb: string, index: string | undefined, empty: () => T) {
  if (verb === 'aggiungi') {
    rows.push(empty())
    return true
  }
  const at = Number(index)
  if (verb !== 'elimina' || !Number.isInteger(at) || at < 0 || at >= rows.length) return false
  rows.splice(at, 1)
  return true
}
