/**
 * Tokens of the small JavaScript subset that Form.io forms write in
 * `calculateValue`, `customConditional` and `validate.custom`. The code is
 * never handed to `eval`: it is tokenized, parsed and interpreted here.
 */
export type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'regex'; pattern: string; flags: string }
  | { kind: 'name'; value: string }
  | { kind: 'punct'; value: string }

export class ExpressionSyntaxError extends Error {}

const PUNCTUATION = [
  '===', '!==', '...', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '+=', '-=',
  '=', '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '.', ',', ';', '(', ')', '[', ']', '{', '}',
] // prettier-ignore

const ESCAPES: Record<string, string> = {
  'n': '\n',
  't': '\t',
  'r': '\r',
  'b': '\b',
  'f': '\f',
  'v': '\v',
  '0': '\0',
}

/** A `/` starts a regular expression unless it follows a value. */
function regexAllowed(previous: Token | undefined) {
  if (!previous) return true
  if (previous.kind === 'punct') return ![')', ']', '}'].includes(previous.value)
  return previous.kind === 'name' && ['return', 'typeof'].includes(previous.value)
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < source.length) {
    const char = source[index]
    if (/\s/.test(char)) {
      index++
    } else if (source.startsWith('//', index)) {
      while (index < source.length && source[index] !== '\n') index++
    } else if (source.startsWith('/*', index)) {
      const end = source.indexOf('*/', index + 2)
      if (end < 0) throw new ExpressionSyntaxError('commento non chiuso')
      index = end + 2
    } else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[index + 1] ?? ''))) {
      const match = /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?)/.exec(source.slice(index))!
      tokens.push({ kind: 'number', value: Number(match[0]) })
      index += match[0].length
    } else if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(index))!
      tokens.push({ kind: 'name', value: match[0] })
      index += match[0].length
    } else if (char === '"' || char === "'") {
      index = readString(source, index, tokens)
    } else if (char === '`') {
      throw new ExpressionSyntaxError('template string non supportate')
    } else if (char === '/' && regexAllowed(tokens[tokens.length - 1])) {
      index = readRegex(source, index, tokens)
    } else {
      const punct = PUNCTUATION.find((candidate) => source.startsWith(candidate, index))
      if (!punct) throw new ExpressionSyntaxError(`carattere inatteso «${char}»`)
      tokens.push({ kind: 'punct', value: punct })
      index += punct.length
    }
  }
  return tokens
}

function readString(source: string, start: number, tokens: Token[]) {
  const quote = source[start]
  let value = ''
  let index = start + 1
  while (index < source.length && source[index] !== quote) {
    let char = source[index]
    if (char === '\n') throw new ExpressionSyntaxError('stringa non chiusa')
    if (char === '\\') {
      const next = source[index + 1]
      if (next === 'u') {
        char = String.fromCharCode(Number.parseInt(source.slice(index + 2, index + 6), 16))
        index += 4
      } else {
        char = ESCAPES[next] ?? next
      }
      index++
    }
    value += char
    index++
  }
  if (index >= source.length) throw new ExpressionSyntaxError('stringa non chiusa')
  tokens.push({ kind: 'string', value })
  return index + 1
}

function readRegex(source: string, start: number, tokens: Token[]) {
  let index = start + 1
  let inClass = false
  let pattern = ''
  while (index < source.length) {
    const char = source[index]
    if (char === '\n') break
    if (char === '\\') {
      pattern += char + source[index + 1]
      index += 2
      continue
    }
    if (char === '[') inClass = true
    if (char === ']') inClass = false
    if (char === '/' && !inClass) break
    pattern += char
    index++
  }
  if (source[index] !== '/') throw new ExpressionSyntaxError('espressione regolare non chiusa')
  const flags = /^[gimsuy]*/.exec(source.slice(index + 1))![0]
  tokens.push({ kind: 'regex', pattern, flags })
  return index + 1 + flags.length
}
