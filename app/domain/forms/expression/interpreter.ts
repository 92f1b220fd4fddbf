import { parseProgram, type Node, type Program, type Statement } from './parser.js'
import { MomentLite } from './moment_lite.js'

/**
 * Runs a parsed program against a scope of plain values. Nothing reaches
 * the host: names are looked up only in the scope, member access reads own
 * properties of plain objects and arrays, and calls go only to the string,
 * array, number and RegExp methods listed below and to the helper functions
 * the caller puts in the scope (`moment`, `_`...). Reading a property of
 * null or undefined gives undefined instead of throwing, as Form.io's
 * error-swallowing evaluation ends up doing.
 */
export class ExpressionRuntimeError extends Error {}

/** A function the scope offers to the code (e.g. `moment`, `_.get`). */
export class Builtin {
  constructor(readonly call: (...args: unknown[]) => unknown) {}
}

const STRING_METHODS = new Set([
  'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'split', 'match', 'includes',
  'startsWith', 'endsWith', 'replace', 'slice', 'substring', 'substr', 'indexOf', 'lastIndexOf',
  'padStart', 'padEnd', 'charAt', 'concat', 'repeat', 'toString',
]) // prettier-ignore
const ARRAY_METHODS = new Set([
  'includes',
  'indexOf',
  'join',
  'slice',
  'concat',
  'reverse',
  'toString',
])
const NUMBER_METHODS = new Set(['toFixed', 'toString'])
const FORBIDDEN_PROPERTIES = new Set(['__proto__', 'constructor', 'prototype'])
const MAX_STEPS = 10_000

export type Scope = Record<string, unknown>

class Return {
  constructor(readonly value: unknown) {}
}

export class Interpreter {
  #steps = 0
  readonly locals = new Map<string, unknown>()

  constructor(private scope: Scope) {}

  run(program: Program): unknown {
    try {
      this.#statements(program)
    } catch (error) {
      if (error instanceof Return) return error.value
      throw error
    }
    return undefined
  }

  /** The value a name has after the run (a local, or the scope's). */
  read(name: string): unknown {
    return this.locals.has(name) ? this.locals.get(name) : this.scope[name]
  }

  assigned(name: string) {
    return this.locals.has(name)
  }

  #statements(statements: Statement[]) {
    for (const statement of statements) this.#statement(statement)
  }

  #statement(statement: Statement) {
    if (++this.#steps > MAX_STEPS) throw new ExpressionRuntimeError('troppe operazioni')
    switch (statement.type) {
      case 'declare':
        for (const declaration of statement.declarations) {
          this.locals.set(
            declaration.name,
            declaration.init ? this.#eval(declaration.init) : undefined
          )
        }
        return
      case 'if':
        return this.#statements(
          truthy(this.#eval(statement.test)) ? statement.then : statement.otherwise
        )
      case 'return':
        throw new Return(statement.value ? this.#eval(statement.value) : undefined)
      case 'expression':
        this.#eval(statement.expression)
    }
  }

  #eval(node: Node): unknown {
    if (++this.#steps > MAX_STEPS) throw new ExpressionRuntimeError('troppe operazioni')
    switch (node.type) {
      case 'literal':
        return node.value
      case 'regex':
        return new RegExp(node.pattern, node.flags)
      case 'name':
        if (this.locals.has(node.name)) return this.locals.get(node.name)
        if (Object.hasOwn(this.scope, node.name)) return this.scope[node.name]
        throw new ExpressionRuntimeError(`«${node.name}» non è disponibile`)
      case 'array':
        return node.items.map((item) => this.#eval(item))
      case 'object':
        return Object.fromEntries(node.entries.map(([key, value]) => [key, this.#eval(value)]))
      case 'member':
        return readMember(this.#eval(node.object), this.#property(node))
      case 'call':
        return this.#call(node)
      case 'unary':
        return unary(node.operator, this.#eval(node.argument))
      case 'binary':
        return this.#binary(node)
      case 'conditional':
        return truthy(this.#eval(node.test)) ? this.#eval(node.then) : this.#eval(node.otherwise)
      case 'assign':
        return this.#assign(node)
    }
  }

  #property(node: Extract<Node, { type: 'member' }>) {
    const key = node.computed
      ? this.#eval(node.property)
      : (node.property as { value: string }).value
    const name = typeof key === 'number' ? key : String(key)
    if (typeof name === 'string' && FORBIDDEN_PROPERTIES.has(name)) {
      throw new ExpressionRuntimeError(`proprietà «${name}» non accessibile`)
    }
    return name
  }

  #binary(node: Extract<Node, { type: 'binary' }>): unknown {
    const left = this.#eval(node.left)
    if (node.operator === '&&') return truthy(left) ? this.#eval(node.right) : left
    if (node.operator === '||') return truthy(left) ? left : this.#eval(node.right)
    if (node.operator === '??') return left ?? this.#eval(node.right)
    return binary(node.operator, left, this.#eval(node.right))
  }

  #assign(node: Extract<Node, { type: 'assign' }>) {
    let value = this.#eval(node.value)
    if (node.operator !== '=') {
      value = binary(node.operator[0], this.#eval(node.target), value)
    }
    if (node.target.type === 'name') {
      this.locals.set(node.target.name, value)
      return value
    }
    const target = node.target as Extract<Node, { type: 'member' }>
    const object = this.#eval(target.object)
    const key = this.#property(target)
    if (!isPlainContainer(object)) throw new ExpressionRuntimeError('assegnazione non valida')
    ;(object as Record<string | number, unknown>)[key] = value
    return value
  }

  #call(node: Extract<Node, { type: 'call' }>): unknown {
    const args = () => node.args.map((arg) => this.#eval(arg))
    if (node.callee.type === 'member') {
      const object = this.#eval(node.callee.object)
      const name = this.#property(node.callee)
      const member = readMember(object, name)
      if (member instanceof Builtin) return member.call(...args())
      return callMethod(object, String(name), args())
    }
    const callee = this.#eval(node.callee)
    if (callee instanceof Builtin) return callee.call(...args())
    throw new ExpressionRuntimeError('chiamata non consentita')
  }
}

function isPlainContainer(value: unknown) {
  if (Array.isArray(value)) return true
  if (value === null || typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function readMember(object: unknown, key: string | number): unknown {
  if (object === null || object === undefined) return undefined
  if (typeof object === 'string' || Array.isArray(object)) {
    if (key === 'length') return object.length
    if (typeof key === 'number' || /^\d+$/.test(String(key))) return object[Number(key)]
    return undefined
  }
  if (isPlainContainer(object) && Object.hasOwn(object as object, key)) {
    return (object as Record<string | number, unknown>)[key]
  }
  return undefined
}

function callMethod(object: unknown, name: string, args: unknown[]): unknown {
  const allowed =
    (typeof object === 'string' && STRING_METHODS.has(name)) ||
    (Array.isArray(object) && ARRAY_METHODS.has(name)) ||
    (typeof object === 'number' && NUMBER_METHODS.has(name)) ||
    (object instanceof RegExp && name === 'test') ||
    (object instanceof MomentLite && MomentLite.METHODS.has(name))
  if (!allowed) {
    throw new ExpressionRuntimeError(`metodo «${name}» non disponibile`)
  }
  if (typeof object === 'string' && name === 'match' && typeof args[0] === 'string') {
    args[0] = new RegExp(args[0])
  }
  const method = (object as unknown as Record<string, (...values: unknown[]) => unknown>)[name]
  return method.apply(object, args)
}

export function truthy(value: unknown) {
  return Boolean(value)
}

function unary(operator: string, value: unknown) {
  switch (operator) {
    case '!':
      return !value
    case '-':
      return -Number(value)
    case '+':
      return Number(value)
    default:
      return value === null ? 'object' : typeof value
  }
}

function binary(operator: string, left: any, right: any): unknown {
  switch (operator) {
    case '+':
      return left + right
    case '-':
      return left - right
    case '*':
      return left * right
    case '/':
      return left / right
    case '%':
      return left % right
    case '==':
      // eslint-disable-next-line eqeqeq
      return left == right
    case '!=':
      // eslint-disable-next-line eqeqeq
      return left != right
    case '===':
      return left === right
    case '!==':
      return left !== right
    case '<':
      return left < right
    case '>':
      return left > right
    case '<=':
      return left <= right
    case '>=':
      return left >= right
  }
  throw new ExpressionRuntimeError(`operatore «${operator}» non supportato`)
}

/** Parses (cached) and runs `source`; returns the interpreter to read variables from. */
export function runCode(source: string, scope: Scope) {
  const interpreter = new Interpreter(scope)
  const returned = interpreter.run(parseProgram(source))
  return { interpreter, returned }
}
