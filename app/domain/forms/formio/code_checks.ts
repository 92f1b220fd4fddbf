import { freeNames, parseProgram } from '../expression/parser.js'
import { HELPER_NAMES } from '../expression/helpers.js'

/** What each kind of Form.io code is given to read, besides the helpers. */
export const CODE_NAMES = {
  conditional: ['data', 'row', 'show', 'value'],
  calculate: ['data', 'row', 'value'],
  validation: ['data', 'row', 'input', 'value', 'valid'],
} as const

export type CodeKind = keyof typeof CODE_NAMES

/** Why a piece of Form.io code cannot run here (a syntax we do not interpret, a name we do not offer), or null. */
export function codeProblem(code: string, kind: CodeKind): string | null {
  let names: Set<string>
  try {
    names = freeNames(parseProgram(code))
  } catch (error) {
    return `codice non interpretabile: ${(error as Error).message}`
  }
  const allowed = new Set<string>([...CODE_NAMES[kind], ...HELPER_NAMES])
  const missing = [...names].filter((name) => !allowed.has(name))
  return missing.length > 0
    ? `usa ${missing.map((name) => `«${name}»`).join(', ')}, non disponibile`
    : null
}
