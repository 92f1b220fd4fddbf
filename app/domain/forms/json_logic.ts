/**
 * The JSON Logic subset Form.io's `conditional.json` uses: var, comparison,
 * and/or/not, in, if. Other operators evaluate to null (the condition does
 * not hold).
 */
type Rule = unknown

function readVar(data: unknown, path: unknown, fallback: unknown) {
  let current = data
  for (const segment of String(path ?? '')
    .split('.')
    .filter(Boolean)) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
      return fallback
    current = (current as Record<string, unknown>)[segment]
  }
  return current === undefined ? fallback : current
}

export function applyLogic(rule: Rule, data: unknown): unknown {
  if (Array.isArray(rule)) return rule.map((item) => applyLogic(item, data))
  if (rule === null || typeof rule !== 'object') return rule
  const [operator] = Object.keys(rule)
  const raw = (rule as Record<string, unknown>)[operator]
  const args = Array.isArray(raw) ? raw : [raw]
  if (operator === 'var') {
    const [path, fallback] = args.map((arg) => applyLogic(arg, data))
    return readVar(data, path, fallback)
  }
  if (operator === 'and') {
    let last: unknown = true
    for (const arg of args) if (!(last = applyLogic(arg, data))) return last
    return last
  }
  if (operator === 'or') {
    let last: unknown = false
    for (const arg of args) if ((last = applyLogic(arg, data))) return last
    return last
  }
  if (operator === 'if') {
    for (let index = 0; index + 1 < args.length; index += 2) {
      if (applyLogic(args[index], data)) return applyLogic(args[index + 1], data)
    }
    return args.length % 2 === 1 ? applyLogic(args[args.length - 1], data) : null
  }
  const [a, b] = args.map((arg) => applyLogic(arg, data)) as [any, any]
  switch (operator) {
    case '==':
      // eslint-disable-next-line eqeqeq
      return a == b
    case '===':
      return a === b
    case '!=':
      // eslint-disable-next-line eqeqeq
      return a != b
    case '!==':
      return a !== b
    case '!':
      return !a
    case '!!':
      return !!a
    case '<':
      return a < b
    case '>':
      return a > b
    case '<=':
      return a <= b
    case '>=':
      return a >= b
    case 'in':
      return (typeof b === 'string' || Array.isArray(b)) && b.includes(a)
  }
  return null
}
