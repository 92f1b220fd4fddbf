import { randomUUID } from 'node:crypto'
import {
  RemoteConfigurationError,
  RemoteUnavailableError,
  ThrottledError,
} from '#extension_points/payment/errors'
import type { GpdPositionModel, GpdPositionResponse } from './gpd_model.js'

/**
 * pagoPA's REST APIs as this plugin calls them, one method per operation
 * of the copied OpenAPI documents (openapi/):
 * - GPD debt-positions-service v1 (gpd.json): createPosition (published at
 *   once), getOrganizationDebtPositionByIUPD, invalidatePosition;
 * - GPD payments-receipts-service (gpd_payments.json): getReceiptByIUV;
 * - Checkout EC API v2 (checkout_v2.json): PostCartsV2;
 * - print-payment-notice-service (print-payment-notice-service.json):
 *   generateNotice, getTemplates.
 *
 * Every call carries the subscription key (`Ocp-Apim-Subscription-Key`) and
 * an `X-Request-Id`. What no caller can act on is mapped here: a network
 * failure, a timeout or a 5xx is RemoteUnavailableError (retryable), 429 is
 * ThrottledError, 401/403 is RemoteConfigurationError. The rest (400, 404,
 * 409) goes back to the adapter with the status.
 */
export interface PagoPaEndpoints {
  gpd: { baseUrl: string; subscriptionKey: string }
  receipts: { baseUrl: string; subscriptionKey: string }
  checkout: { baseUrl: string; subscriptionKey: string }
  print?: { baseUrl: string; subscriptionKey: string }
  timeoutMs: number
  /** the HTTP transport; tests wrap it to check each request against the OpenAPI documents */
  fetch?: typeof fetch
}

export interface Answer<Body> {
  status: number
  body: Body
  headers: Headers
}

/** components.schemas.ProblemJson, as pagoPA answers errors. */
export interface Problem {
  title?: string
  status?: number
  detail?: string
}

export interface CartNotice {
  noticeNumber: string
  fiscalCode: string
  amount: number
  companyName: string
  description: string
}

/** components.schemas.CartRequestV2 */
export interface CartRequest {
  paymentNotices: CartNotice[]
  returnUrls: {
    returnOkUrl: string
    returnCancelUrl: string
    returnErrorUrl: string
    returnWaitingUrl: string
  }
  emailNotice?: string
  idCart?: string
}

/** components.schemas.NoticeGenerationRequestItem */
export interface NoticeRequest {
  templateId: string
  data: {
    notice: { subject: string; paymentAmount: number; dueDate?: string; code: string }
    creditorInstitution: { taxCode: string }
    debtor: {
      taxCode: string
      fullName: string
      address: string
      buildingNumber: string
      postalCode: string
      city: string
      province: string
    }
  }
}

type Api = keyof Pick<PagoPaEndpoints, 'gpd' | 'receipts' | 'checkout' | 'print'>

/** The service names an ente admin knows (pagoPA back office "Chiavi API"). */
const API_NAMES: Record<Api, string> = {
  gpd: 'Gestione Posizioni Debitorie',
  receipts: 'Gestione Posizioni Debitorie, ricevute',
  checkout: 'Checkout',
  print: 'Stampa avvisi',
}

interface Call {
  api: Api
  method: 'GET' | 'POST'
  path: string
  query?: Record<string, string>
  body?: unknown
  accept: string
}

export function problemDetail(body: unknown) {
  if (body && typeof body === 'object') {
    const problem = body as Problem
    return [problem.title, problem.detail].filter(Boolean).join(': ') || undefined
  }
  return typeof body === 'string' && body ? body.slice(0, 500) : undefined
}

export class PagoPaClient {
  readonly #fetch: typeof fetch

  constructor(private endpoints: PagoPaEndpoints) {
    this.#fetch = endpoints.fetch ?? fetch
  }

  get printConfigured() {
    return !!this.endpoints.print
  }

  createPosition(organization: string, position: GpdPositionModel) {
    return this.#json<GpdPositionResponse | Problem>({
      api: 'gpd',
      method: 'POST',
      path: `/organizations/${segment(organization)}/debtpositions`,
      query: { toPublish: 'true' },
      body: position,
      accept: 'application/json',
    })
  }

  getPosition(organization: string, iupd: string) {
    return this.#json<GpdPositionResponse | Problem>({
      api: 'gpd',
      method: 'GET',
      path: `/organizations/${segment(organization)}/debtpositions/${segment(iupd)}`,
      accept: 'application/json',
    })
  }

  invalidatePosition(organization: string, iupd: string) {
    return this.#json<GpdPositionResponse | Problem>({
      api: 'gpd',
      method: 'POST',
      path: `/organizations/${segment(organization)}/debtpositions/${segment(iupd)}/invalidate`,
      accept: 'application/json',
    })
  }

  /** The receipt GPD received for an IUV: the paSendRTV2 request, as XML. */
  async getReceipt(organization: string, iuv: string): Promise<Answer<string>> {
    const response = await this.#send({
      api: 'receipts',
      method: 'GET',
      path: `/payments/${segment(organization)}/receipts/${segment(iuv)}`,
      accept: 'application/xml',
    })
    return { status: response.status, body: await response.text(), headers: response.headers }
  }

  /** Checkout answers 302: the citizen's checkout page is in `location`. */
  async createCart(cart: CartRequest) {
    const response = await this.#send({
      api: 'checkout',
      method: 'POST',
      path: '/carts',
      body: cart,
      accept: 'application/json',
    })
    const body = response.status === 302 ? null : await readBody(response)
    return { status: response.status, location: response.headers.get('location'), body }
  }

  async getTemplates() {
    return this.#json<Array<{ templateId: string; description: string }> | Problem>({
      api: 'print',
      method: 'GET',
      path: '/notices/templates',
      accept: 'application/json',
    })
  }

  /** The avviso PDF (201 application/pdf). */
  async generateNotice(notice: NoticeRequest): Promise<Answer<unknown>> {
    const response = await this.#send({
      api: 'print',
      method: 'POST',
      path: '/notices/generate',
      body: notice,
      accept: 'application/pdf',
    })
    const body =
      response.status === 201
        ? new Uint8Array(await response.arrayBuffer())
        : await readBody(response)
    return { status: response.status, body, headers: response.headers }
  }

  async #json<Body>(call: Call): Promise<Answer<Body>> {
    const response = await this.#send(call)
    return {
      status: response.status,
      body: (await readBody(response)) as Body,
      headers: response.headers,
    }
  }

  async #send(call: Call): Promise<Response> {
    const endpoint = this.endpoints[call.api]
    if (!endpoint) throw new RemoteConfigurationError({ reason: `${call.api}_not_configured` })
    const url = new URL(`${endpoint.baseUrl.replace(/\/+$/, '')}${call.path}`)
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value)
    const headers: Record<string, string> = {
      'accept': call.accept,
      'ocp-apim-subscription-key': endpoint.subscriptionKey,
      'x-request-id': randomUUID(),
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json'

    let response: Response
    try {
      response = await this.#fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.endpoints.timeoutMs),
      })
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError'
      throw new RemoteUnavailableError({
        reason: timedOut ? 'timeout' : 'unreachable',
        cause: error,
      })
    }

    if (response.status >= 500) {
      const detail = problemDetail(await readBody(response))
      throw new RemoteUnavailableError({
        reason: `http_${response.status}`,
        cause: new Error(`${call.method} ${url.pathname}: ${response.status} ${detail ?? ''}`),
      })
    }
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after'))
      throw new ThrottledError({
        retryAfterMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000,
      })
    }
    if (response.status === 401 || response.status === 403) {
      throw new RemoteConfigurationError({
        reason: 'authentication_failed',
        message: `pagoPA ha rifiutato la chiave API di «${API_NAMES[call.api]}»: verificare la configurazione.`,
      })
    }
    return response
  }
}

function segment(value: string) {
  return encodeURIComponent(value)
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '')
  if (!text) return null
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}
