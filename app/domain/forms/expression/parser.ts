import { tokenize, ExpressionSyntaxError, type Token } from './tokenizer.js'

/**
 * Syntax tree of the JavaScript subset: statements `let/const/var`, `if/else`,
 * blocks, `return`, expression statements; expressions with literals,
 * arrays, objects, member access, calls, unary, binary, logical, ternary
 * operators and assignments. No functions, loops, `new` or `this`: code
 * using them does not parse, and the importer reports it.
 */
export type Node =
  | { type: 'literal'; value: unknown }
  | { type: 'regex'; pattern: string; flags: string }
  | { type: 'name'; name: string }
  | { type: 'array'; items: Node[] }
  | { type: 'object'; entries: Array<[string, Node]> }
  | { type: 'member'; object: Node; property: Node; computed: boolean; optional: boolean }
  | { type: 'call'; callee: Node; args: Node[]; optional: boolean }
  | { type: 'unary'; operator: string; argument: Node }
  | { type: 'binary'; operator: string; left: Node; right: Node }
  | { type: 'conditional'; test: Node; then: Node; otherwise: Node }
  | { type: 'assign'; operator: string; target: Node; value: Node }

export type Statement =
  | { type: 'declare'; declarations: Array<{ name: string; init: Node | null }> }
  | { type: 'if'; test: Node; then: Statement[]; otherwise: Statement[] }
  | { type: 'return'; value: Node | null }
  | { type: 'expression'; expression: Node }

export type Program = Statement[]

const BINARY_LEVELS = [
  ['??'],
  ['||'],
  ['&&'],
  ['==', '!=', '===', '!=='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
]

const KEYWORD_LITERALS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  undefined: undefined,
}

class Parser {
  #index = 0
  constructor(private tokens: Token[]) {}

  program(): Program {
    const statements: Statement[] = []
    while (!this.#done()) statements.push(...this.#statement())
    return statements
  }

  #done() {
    return this.#index >= this.tokens.length
  }

  #peek(offset = 0): Token | undefined {
    return this.tokens[this.#index + offset]
  }

  #is(value: string, offset = 0) {
    const token = this.#peek(offset)
    return !!token && (token.kind === 'punct' || token.kind === 'name') && token.value === value
  }

  #eat(value: string) {
    if (this.#is(value)) {
      this.#index++
      return true
    }
    return false
  }

  #expect(value: string) {
    if (!this.#eat(value)) {
      const token = this.#peek()
      throw new ExpressionSyntaxError(`atteso «${value}»${token ? '' : ' alla fine'}`)
    }
  }

  #statement(): Statement[] {
    if (this.#eat(';')) return []
    if (this.#is('{')) return this.#block()
    if (this.#is('let') || this.#is('const') || this.#is('var')) {
      this.#index++
      const declarations: Array<{ name: string; init: Node | null }> = []
      do {
        const name = this.#name()
        declarations.push({ name, init: this.#eat('=') ? this.#expression() : null })
      } while (this.#eat(','))
      this.#eat(';')
      return [{ type: 'declare', declarations }]
    }
    if (this.#eat('if')) {
      this.#expect('(')
      const test = this.#expression()
      this.#expect(')')
      const then = this.#statement()
      const otherwise = this.#eat('else') ? this.#statement() : []
      return [{ type: 'if', test, then, otherwise }]
    }
    if (this.#eat('return')) {
      const value = this.#done() || this.#is(';') || this.#is('}') ? null : this.#expression()
      this.#eat(';')
      return [{ type: 'return', value }]
    }
    for (const unsupported of [
      'function',
      'for',
      'while',
      'do',
      'new',
      'class',
      'this',
      'async',
      'await',
      'switch',
      'try',
    ]) {
      if (this.#is(unsupported)) throw new ExpressionSyntaxError(`«${unsupported}» non supportato`)
    }
    const expression = this.#expression()
    this.#eat(';')
    return [{ type: 'expression', expression }]
  }

  #block(): Statement[] {
    this.#expect('{')
    const statements: Statement[] = []
    while (!this.#is('}')) {
      if (this.#done()) throw new ExpressionSyntaxError('blocco non chiuso')
      statements.push(...this.#statement())
    }
    this.#expect('}')
    return statements
  }

  #name() {
    const token = this.#peek()
    if (token?.kind !== 'name') throw new ExpressionSyntaxError('atteso un nome')
    this.#index++
    return token.value
  }

  #expression(): Node {
    const target = this.#conditional()
    for (const operator of ['=', '+=', '-=']) {
      if (this.#eat(operator)) {
        if (target.type !== 'name' && target.type !== 'member') {
          throw new ExpressionSyntaxError('assegnazione non valida')
        }
        return { type: 'assign', operator, target, value: this.#expression() }
      }
    }
    return target
  }

  #conditional(): Node {
    const test = this.#binary(0)
    if (!this.#eat('?')) return test
    const then = this.#expression()
    this.#expect(':')
    return { type: 'conditional', test, then, otherwise: this.#expression() }
  }

  #binary(level: number): Node {
    if (level >= BINARY_LEVELS.length) return this.#unary()
    let left = this.#binary(level + 1)
    for (;;) {
      const token = this.#peek()
      if (token?.kind !== 'punct' || !BINARY_LEVELS[level].includes(token.value)) return left
      this.#index++
      left = { type: 'binary', operator: token.value, left, right: this.#binary(level + 1) }
    }
  }

  #unary(): Node {
    for (const operator of ['!', '-', '+', 'typeof']) {
      if (this.#eat(operator)) return { type: 'unary', operator, argument: this.#unary() }
    }
    return this.#postfix()
  }

  #postfix(): Node {
    let node = this.#primary()
    for (;;) {
      if (this.#is('.') || this.#is('?.')) {
        const optional = this.#is('?.')
        this.#index++
        node = {
          type: 'member',
          object: node,
          property: { type: 'literal', value: this.#name() },
          computed: false,
          optional,
        }
      } else if (this.#is('[')) {
        this.#index++
        const property = this.#expression()
        this.#expect(']')
        node = { type: 'member', object: node, property, computed: true, optional: false }
      } else if (this.#is('(')) {
        this.#index++
        const args: Node[] = []
        while (!this.#is(')')) {
          args.push(this.#expression())
          if (!this.#eat(',')) break
        }
        this.#expect(')')
        node = { type: 'call', callee: node, args, optional: false }
      } else {
        return node
      }
    }
  }

  #primary(): Node {
    const token = this.#peek()
    if (!token) throw new ExpressionSyntaxError('espressione incompleta')
    this.#index++
    switch (token.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: token.value }
      case 'regex':
        return { type: 'regex', pattern: token.pattern, flags: token.flags }
      case 'name':
        if (token.value in KEYWORD_LITERALS) {
          return { type: 'literal', value: KEYWORD_LITERALS[token.value] }
        }
        if (['function', 'new', 'this', 'class', 'async', 'await'].includes(token.value)) {
          throw new ExpressionSyntaxError(`«${token.value}» non supportato`)
        }
        return { type: 'name', name: token.value }
    }
    if (token.value === '(') {
      const inner = this.#expression()
      if (this.#is('=>', 0)) throw new ExpressionSyntaxError('funzioni non supportate')
      this.#expect(')')
      if (this.#is('=') && this.#is('>', 1))
        throw new ExpressionSyntaxError('funzioni non supportate')
      return inner
    }
    if (token.value === '[') {
      const items: Node[] = []
      while (!this.#is(']')) {
        items.push(this.#expression())
        if (!this.#eat(',')) break
      }
      this.#expect(']')
      return { type: 'array', items }
    }
    if (token.value === '{') {
      const entries: Array<[string, Node]> = []
      while (!this.#is('}')) {
        const key = this.#peek()
        if (!key || (key.kind !== 'name' && key.kind !== 'string')) {
          throw new ExpressionSyntaxError('chiave di oggetto non valida')
        }
        this.#index++
        this.#expect(':')
        entries.push([String(key.value), this.#expression()])
        if (!this.#eat(',')) break
      }
      this.#expect('}')
      return { type: 'object', entries }
    }
    throw new ExpressionSyntaxError(`«${token.value}» inatteso`)
  }
}

const cache = new Map<string, Program>()

/** The program of a piece of code (cached: forms evaluate the same code on every change). */
export function parseProgram(source: string): Program {
  let program = cache.get(source)
  if (!program) {
    program = new Parser(tokenize(source)).program()
    if (cache.size > 500) cache.clear()
    cache.set(source, program)
  }
  return program
}

/** Names a program reads without declaring or assigning them first: its free variables. */
export function freeNames(program: Program): Set<string> {
  const assigned = new Set<string>()
  const free = new Set<string>()
  const visit = (node: Node | null): void => {
    if (!node) return
    switch (node.type) {
      case 'name':
        if (!assigned.has(node.name)) free.add(node.name)
        return
      case 'array':
        return node.items.forEach(visit)
      case 'object':
        return node.entries.forEach(([, value]) => visit(value))
      case 'member':
        visit(node.object)
        if (node.computed) visit(node.property)
        return
      case 'call':
        visit(node.callee)
        return node.args.forEach(visit)
      case 'unary':
        return visit(node.argument)
      case 'binary':
        visit(node.left)
        return visit(node.right)
      case 'conditional':
        visit(node.test)
        visit(node.then)
        return visit(node.otherwise)
      case 'assign':
        visit(node.value)
        if (node.target.type === 'name') assigned.add(node.target.name)
        else visit(node.target)
    }
  }
  const walk = (statements: Statement[]): void => {
    for (const statement of statements) {
      if (statement.type === 'declare') {
        for (const declaration of statement.declarations) {
          visit(declaration.init)
          assigned.add(declaration.name)
        }
      } else if (statement.type === 'if') {
        visit(statement.test)
        walk(statement.then)
        walk(statement.otherwise)
      } else if (statement.type === 'return') {
        visit(statement.value)
      } else {
        visit(statement.expression)
      }
    }
  }
  walk(program)
  return free
}
