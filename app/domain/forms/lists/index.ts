import type { ListName, Option } from '../types.js'
import { PROVINCE } from './province.js'

/**
 * Options of the named lists. The province travel with the engine; the
 * comuni (7,896) are too many for it: the server loads them from
 * database/data/forms/comuni.json and the page lists them once in a datalist.
 */
export const PROVINCE_OPTIONS: Option[] = PROVINCE.map(([code, name]) => ({
  value: code,
  label: `${name} (${code})`,
}))

export function builtInList(name: ListName): Option[] | undefined {
  return name === 'province' ? PROVINCE_OPTIONS : undefined
}
