import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

/**
 * Requests checked against one of pagoPA's OpenAPI 3.0 documents (the
 * unmodified copies in this folder), with ajv: the operation is found by
 * method and path template, then its security, path, query and header
 * parameters and its JSON body are validated as the document declares them.
 * The simulator refuses what this refuses, and the client's own tests check
 * every request it sends with the same documents.
 */

/** The documents this plugin uses (file name without .json). */
export type OpenApiDocumentName =
  'gpd' | 'gpd_payments' | 'checkout_v2' | 'print-payment-notice-service'

/** What is checked: the path relative to the API's server URL. */
export interface RequestShape {
  method: string
  path: string
  query: Record<string, unknown>
  headers: Record<string, string | string[] | undefined>
  body?: unknown
}

export type RequestCheck =
  | { outcome: 'unknown_operation' }
  | { outcome: 'unauthorized'; operationId: string; errors: string[] }
  | { outcome: 'invalid'; operationId: string; errors: string[] }
  | {
      outcome: 'valid'
      operationId: string
      pathParams: Record<string, string>
      /** query parameters coerced to their declared types */
      query: Record<string, unknown>
    }

type Json = Record<string, any>

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
}

interface Validators {
  params: Record<'path' | 'query' | 'header', ValidateFunction | null>
  body: { required: boolean; types: string[]; validate: ValidateFunction | null } | null
}

export interface Operation {
  operationId: string
  method: string
  template: string
  pattern: RegExp
  pathNames: string[]
  security: Array<Record<string, string[]>>
  /** compiled on first use: loading the documents at boot stays cheap */
  validators: () => Validators
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const
/** OpenAPI 3.0 annotations that JSON Schema (ajv) does not know. */
const ANNOTATIONS = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator'])

/**
 * OpenAPI 3.0 schema objects are not quite JSON Schema: `nullable`, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` (draft 4 style), examples. This turns
 * one into what ajv (draft 7) validates, and makes `$ref`s absolute so a
 * schema compiled on its own still finds the document's components.
 */
export function toJsonSchema(schema: unknown, documentId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, documentId))
  if (!schema || typeof schema !== 'object') return schema
  const source = schema as Json
  const result: Json = {}
  for (const [key, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(key) || key === 'nullable') continue
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) {
      result.$ref = `${documentId}${value}`
    } else if (key === 'properties' && value && typeof value === 'object') {
      result.properties = Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, toJsonSchema(item, documentId)])
      )
    } else {
      result[key] = toJsonSchema(value, documentId)
    }
  }
  for (const [bound, limit] of [
    ['exclusiveMaximum', 'maximum'],
    ['exclusiveMinimum', 'minimum'],
  ] as const) {
    if (typeof source[bound] !== 'boolean') continue
    delete result[bound]
    if (source[bound] && source[limit] !== undefined) {
      result[bound] = source[limit]
      delete result[limit]
    }
  }
  if (source.nullable === true && typeof source.type === 'string') {
    result.type = [source.type, 'null']
    if (Array.isArray(result.enum)) result.enum = [...result.enum, null]
  }
  return result
}

function newAjv(coerce: boolean) {
  // unicodeRegExp off: GPD's `[\w*\h-]+` is a Java pattern, invalid with the u flag
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    unicodeRegExp: false,
    coerceTypes: coerce ? 'array' : false,
  })
  addFormats.default(ajv)
  return ajv
}

function describe(location: string, errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map((error) => {
    const where = `${location}${error.instancePath}`
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
        : error.keyword === 'enum'
          ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : ''
    return `${where} ${error.message}${extra}`
  })
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function firstValue(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value
}

export class OpenApiContract {
  static #cache = new Map<OpenApiDocumentName, OpenApiContract>()

  /** The contract of one of the copied documents (parsed and compiled once). */
  static load(name: OpenApiDocumentName) {
    let contract = OpenApiContract.#cache.get(name)
    if (!contract) {
      const document = JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8'))
      contract = new OpenApiContract(name, document)
      OpenApiContract.#cache.set(name, contract)
    }
    return contract
  }

  readonly operations: Operation[] = []
  readonly #document: Json
  readonly #id: string
  readonly #bodies = newAjv(false)
  readonly #params = newAjv(true)

  constructor(
    readonly name: string,
    document: Json
  ) {
    this.#document = document
    this.#id = `https://openapi.invalid/${name}.json`
    const components = {
      $id: this.#id,
      components: { schemas: toJsonSchema(document.components?.schemas ?? {}, this.#id) },
    }
    this.#bodies.addSchema(components)
    this.#params.addSchema(components)

    for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
      for (const method of METHODS) {
        if (item[method]) this.operations.push(this.#compile(template, method, item, item[method]))
      }
    }
    // static segments before templated ones (".../debtpositions/transfers" before ".../{iupd}")
    this.operations.sort((a, b) => a.pathNames.length - b.pathNames.length)
  }

  operation(operationId: string) {
    const found = this.operations.find((item) => item.operationId === operationId)
    if (!found) throw new Error(`${this.name}: no operation ${operationId}`)
    return found
  }

  /** The operation a request names, with its path parameters; null when none matches. */
  match(method: string, path: string) {
    for (const operation of this.operations) {
      if (operation.method !== method.toLowerCase()) continue
      const found = operation.pattern.exec(path)
      if (!found) continue
      const pathParams = Object.fromEntries(
        operation.pathNames.map((name, index) => [name, decodeURIComponent(found[index + 1])])
      )
      return { operation, pathParams }
    }
    return null
  }

  check(request: RequestShape): RequestCheck {
    const matched = this.match(request.method, request.path)
    if (!matched) return { outcome: 'unknown_operation' }
    const { operation, pathParams } = matched
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name.toLowerCase(),
        firstValue(value),
      ])
    )

    const security = this.#securityErrors(operation, headers, request.query)
    if (security.length) {
      return { outcome: 'unauthorized', operationId: operation.operationId, errors: security }
    }

    const { params, body } = operation.validators()
    const query = { ...request.query }
    const errors = [
      ...this.#paramErrors(params.path, 'path', { ...pathParams }),
      ...this.#paramErrors(params.query, 'query', query),
      ...this.#paramErrors(params.header, 'header', headers),
      ...this.#bodyErrors(body, headers['content-type'], request.body),
    ]
    if (errors.length) return { outcome: 'invalid', operationId: operation.operationId, errors }
    return { outcome: 'valid', operationId: operation.operationId, pathParams, query }
  }

  #compile(template: string, method: string, item: Json, definition: Json): Operation {
    const pathNames = [...template.matchAll(/\{([^}]+)\}/g)].map((found) => found[1])
    const pattern = new RegExp(
      `^${template
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join('([^/]+)')}/?$`
    )
    let validators: Validators | null = null
    return {
      operationId: definition.operationId,
      method,
      template,
      pattern,
      pathNames,
      security: definition.security ?? this.#document.security ?? [],
      validators: () => (validators ??= this.#validators(item, definition)),
    }
  }

  #validators(item: Json, definition: Json): Validators {
    const merged = new Map<string, Parameter>()
    for (const parameter of [...(item.parameters ?? []), ...(definition.parameters ?? [])]) {
      const resolved = this.#resolve(parameter) as Parameter
      merged.set(`${resolved.in}:${resolved.name}`, resolved)
    }
    const group = (place: 'path' | 'query' | 'header') => {
      const list = [...merged.values()].filter((parameter) => parameter.in === place)
      if (!list.length) return null
      const name = (parameter: Parameter) =>
        place === 'header' ? parameter.name.toLowerCase() : parameter.name
      return this.#params.compile({
        type: 'object',
        properties: Object.fromEntries(
          list.map((parameter) => [name(parameter), toJsonSchema(parameter.schema ?? {}, this.#id)])
        ),
        required: list
          .filter((parameter) => parameter.required || place === 'path')
          .map((parameter) => name(parameter)),
      })
    }

    let body: Validators['body'] = null
    if (definition.requestBody) {
      const requestBody = this.#resolve(definition.requestBody) as Json
      const content = (requestBody.content ?? {}) as Json
      const json = content['application/json']?.schema
      body = {
        required: requestBody.required === true,
        types: Object.keys(content),
        validate: json ? this.#bodies.compile(toJsonSchema(json, this.#id) as Json) : null,
      }
    }
    return {
      params: { path: group('path'), query: group('query'), header: group('header') },
      body,
    }
  }

  #resolve(value: Json): Json {
    if (typeof value?.$ref !== 'string') return value
    const pointer = value.$ref.replace(/^#\//, '').split('/')
    let target: any = this.#document
    for (const segment of pointer)
      target = target?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')]
    return this.#resolve(target)
  }

  #securityErrors(
    operation: Operation,
    headers: Record<string, string | undefined>,
    query: Record<string, unknown>
  ) {
    if (!operation.security.length) return []
    const schemes = (this.#document.components?.securitySchemes ?? {}) as Json
    const missing = operation.security.map((requirement) =>
      Object.keys(requirement).flatMap((schemeName) => {
        const scheme = schemes[schemeName] ?? {}
        if (scheme.type === 'apiKey') {
          const value =
            scheme.in === 'query' ? query[scheme.name] : headers[String(scheme.name).toLowerCase()]
          return value ? [] : [`${scheme.in} ${scheme.name} is required`]
        }
        if (scheme.type === 'http' && scheme.scheme === 'bearer') {
          return /^Bearer\s+\S/i.test(headers.authorization ?? '')
            ? []
            : ['header Authorization: Bearer is required']
        }
        return [`unsupported security scheme ${schemeName}`]
      })
    )
    // any one requirement satisfied is enough
    return missing.some((errors) => errors.length === 0) ? [] : missing.flat()
  }

  #paramErrors(validate: ValidateFunction | null, place: string, values: Record<string, unknown>) {
    if (!validate || validate(values)) return []
    return describe(place, validate.errors).map((error) =>
      error.replace(`${place} must have required property`, `${place} parameter missing:`)
    )
  }

  #bodyErrors(declared: Validators['body'], contentType: string | undefined, body: unknown) {
    const present = body !== undefined && body !== null && body !== ''
    if (!declared) return []
    if (!present) return declared.required ? ['body is required'] : []
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase()
    if (!declared.types.includes(type)) {
      return [`body content type ${type || '(none)'} is not one of ${declared.types.join(', ')}`]
    }
    if (!declared.validate || declared.validate(body)) return []
    return describe('body', declared.validate.errors)
  }
}
