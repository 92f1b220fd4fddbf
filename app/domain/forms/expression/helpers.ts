import { Builtin, type Scope } from './interpreter.js'
import { momentLite } from './moment_lite.js'

export type CalendarDay = { year: number; month: number; date: number }

function pathSegments(path: unknown): string[] {
  if (Array.isArray(path)) return path.map(String)
  return String(path)
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
}

function lodashGet(object: unknown, path: unknown, fallback?: unknown) {
  let current: unknown = object
  for (const segment of pathSegments(path)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) {
      return fallback
    }
    current = (current as Record<string, unknown>)[segment]
  }
  return current === undefined ? fallback : current
}

function isEmpty(value: unknown) {
  if (value === null || value === undefined) return true
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return true
}

/**
 * The helpers Form.io code may call, besides the methods of strings,
 * arrays and numbers: lodash's get/has/isEmpty/isNil, moment (see
 * moment_lite.ts), Math, Number/String/parseInt/parseFloat/isNaN.
 */
export function helperScope(today: CalendarDay): Scope {
  const math = Object.fromEntries(
    (['round', 'floor', 'ceil', 'abs', 'min', 'max', 'trunc', 'pow'] as const).map((name) => [
      name,
      new Builtin((...args) =>
        (Math[name] as (...values: number[]) => number)(...args.map(Number))
      ),
    ])
  )
  return {
    _: {
      get: new Builtin(lodashGet),
      has: new Builtin((object, path) => lodashGet(object, path, undefined) !== undefined),
      isEmpty: new Builtin(isEmpty),
      isNil: new Builtin((value) => value === null || value === undefined),
    },
    moment: new Builtin(momentLite(today) as (...args: unknown[]) => unknown),
    Math: math,
    Number: new Builtin((value) => Number(value)),
    String: new Builtin((value) => String(value)),
    Boolean: new Builtin((value) => Boolean(value)),
    parseInt: new Builtin((value, radix) => Number.parseInt(String(value), Number(radix ?? 10))),
    parseFloat: new Builtin((value) => Number.parseFloat(String(value))),
    isNaN: new Builtin((value) => Number.isNaN(Number(value))),
  }
}

/** Names the code of a form may read: the helpers plus what each kind of code is given. */
export const HELPER_NAMES = new Set([
  '_', 'moment', 'Math', 'Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN',
]) // prettier-ignore
