import { randomUUID } from 'node:crypto'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import { OpenApiContract, type OpenApiDocumentName } from '../openapi/openapi_contract.js'
import { faults } from './faults.js'

/**
 * The simulated REST APIs: each route is an operation of one of pagoPA's
 * OpenAPI documents, under the path its production server has (e.g.
 * /gpd/debt-positions-service/v1/...). Before a handler runs, the request
 * is checked against the document: no subscription key is a 401, anything
 * the schema refuses a 400 ProblemJson listing the violations, as pagoPA's
 * gateway answers. Faults armed by tests fire here.
 */
export interface ApiCall {
  request: PluginHttpRequest
  pathParams: Record<string, string>
  query: Record<string, unknown>
  body: any
  /** public URL of the simulator's root (where it is mounted) */
  root: string
}

export type ApiHandler = (call: ApiCall) => Promise<PluginHttpResponse>

export interface SimulatedApi {
  /** the production server's path, kept by the simulator */
  base: string
  document: OpenApiDocumentName
  handlers: Record<string, ApiHandler>
}

export function problem(status: number, title: string, detail?: string): PluginHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: { title, status, ...(detail ? { detail } : {}) },
  }
}

export function json(status: number, body: unknown): PluginHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: body as Record<string, unknown>,
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Where the simulator is mounted: the request's origin and the path before `base`. */
export function simulatorRoot(request: PluginHttpRequest, base: string) {
  const url = new URL(request.url)
  const at = url.pathname.indexOf(base)
  return `${url.origin}${at > 0 ? url.pathname.slice(0, at) : ''}`
}

function withRequestId(request: PluginHttpRequest, response: PluginHttpResponse) {
  const given = request.headers['x-request-id']
  const id = (Array.isArray(given) ? given[0] : given) || randomUUID()
  return { ...response, headers: { ...response.headers, 'X-Request-Id': id } }
}

/**
 * The JSON exactly as sent: the app's body parser turns empty strings into
 * null, which would change what is validated.
 */
function sentBody(request: PluginHttpRequest) {
  const type = String(request.headers['content-type'] ?? '')
  if (!request.rawBody || !type.includes('json')) return request.body
  try {
    return JSON.parse(request.rawBody)
  } catch {
    return request.rawBody
  }
}

async function handle(api: SimulatedApi, operationId: string, request: PluginHttpRequest) {
  const fault = faults.take(operationId)
  if (fault?.kind === 'fail') return problem(fault.status, 'Service unavailable (simulated)')
  const body = sentBody(request)

  const url = new URL(request.url)
  const path = url.pathname.slice(url.pathname.indexOf(api.base) + api.base.length)
  const check = OpenApiContract.load(api.document).check({
    method: request.method,
    path,
    query: request.query,
    headers: request.headers,
    body,
  })
  if (check.outcome === 'unauthorized') return { status: 401 }
  if (check.outcome === 'invalid') return problem(400, 'BAD REQUEST', check.errors.join('; '))
  if (check.outcome === 'unknown_operation') return problem(404, 'Not Found')

  const response = await api.handlers[operationId]({
    request,
    pathParams: check.pathParams,
    query: check.query,
    body,
    root: simulatorRoot(request, api.base),
  })
  if (fault?.kind === 'failAfter') return problem(fault.status, 'Internal Server Error (simulated)')
  if (fault?.kind === 'loseAnswer') await sleep(fault.delayMs)
  return response
}

/** The routes of one API: those of its operations the simulator implements. */
export function apiRoutes(api: SimulatedApi) {
  const contract = OpenApiContract.load(api.document)
  return Object.keys(api.handlers).map((operationId) => {
    const operation = contract.operation(operationId)
    const method = operation.method.toUpperCase()
    if (method !== 'GET' && method !== 'POST') {
      throw new Error(`${operationId}: the simulator serves GET and POST only`)
    }
    return {
      method: method as 'GET' | 'POST',
      path: `${api.base}${operation.template.replace(/\{([^}]+)\}/g, ':$1')}`,
      csrfExempt: method === 'POST',
      handler: async (request: PluginHttpRequest) =>
        withRequestId(request, await handle(api, operationId, request)),
    }
  })
}
