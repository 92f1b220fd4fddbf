/** Reading and writing nested form data by path segments (keys and row indexes). */
export type Path = Array<string | number>

const UNSAFE = new Set(['__proto__', 'prototype', 'constructor'])

export function getAt(data: unknown, path: Path): unknown {
  let current = data
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.hasOwn(current as object, segment)) return undefined
    current = (current as Record<string | number, unknown>)[segment]
  }
  return current
}

export function setAt(data: Record<string, unknown>, path: Path, value: unknown) {
  let current: any = data
  path.forEach((segment, index) => {
    if (UNSAFE.has(String(segment))) throw new Error(`unsafe key ${segment}`)
    if (index === path.length - 1) {
      current[segment] = value
      return
    }
    const next = current[segment]
    if (next === null || typeof next !== 'object') {
      current[segment] = typeof path[index + 1] === 'number' ? [] : {}
    }
    current = current[segment]
  })
}

/** The input name of a field: its path joined by "/" (no dots or brackets, which body parsers would nest). */
export function nameOf(path: Path) {
  return path.join('/')
}

/** The dotted path people and integrations read: applicant.completename.name, vehicles.0.plate */
export function dottedPath(path: Path) {
  return path.join('.')
}

export function deepClone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value))
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.values(value).every(isEmptyValue)
  return false
}
