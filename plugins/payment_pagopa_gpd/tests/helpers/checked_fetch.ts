import vine from '@vinejs/vine'
import { Logger } from '@adonisjs/core/logger'
import { configObjectSchema } from '#extension_points/config_fields'
import { TEST_ENTE } from '#extension_points/conformance'
import { GpdAdapter } from '../../adapter.js'
import { PagoPaClient } from '../../client.js'
import { endpointsOf, gpdConfigFields, settingsOf, type GpdConfig } from '../../config.js'
import { OpenApiContract, type OpenApiDocumentName } from '../../openapi/openapi_contract.js'

/**
 * An HTTP transport that checks every request against pagoPA's OpenAPI
 * document of the API it goes to, before sending it on: what the client
 * sends is held to the documents themselves, not to what the simulator
 * happens to accept.
 */
export interface CheckedRequest {
  document: OpenApiDocumentName
  method: string
  path: string
  operationId: string | null
  errors: string[]
}

export function checkedFetch(apis: Array<{ baseUrl: string; document: OpenApiDocumentName }>) {
  const requests: CheckedRequest[] = []
  const transport: typeof fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const api = apis.find((candidate) => url.href.startsWith(candidate.baseUrl))
    if (!api) throw new Error(`a request outside pagoPA's APIs: ${url.href}`)
    const method = init.method ?? 'GET'
    const path = url.pathname.slice(new URL(api.baseUrl).pathname.length)
    const headers: Record<string, string> = {}
    new Headers(init.headers).forEach((value, name) => (headers[name] = value))
    const check = OpenApiContract.load(api.document).check({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    requests.push({
      document: api.document,
      method,
      path,
      operationId: check.outcome === 'unknown_operation' ? null : check.operationId,
      errors:
        check.outcome === 'valid'
          ? []
          : check.outcome === 'unknown_operation'
            ? ['no such operation in the document']
            : check.errors,
    })
    return fetch(input, init)
  }
  return { transport, requests }
}

/** The plugin's adapter with its configuration validated as the runtime does, over a given transport. */
export async function adapterOver(rawConfig: Record<string, unknown>, transport?: typeof fetch) {
  const config = (await vine.validate({
    schema: configObjectSchema(gpdConfigFields),
    data: rawConfig,
  })) as GpdConfig
  const client = new PagoPaClient(endpointsOf(config, transport))
  const adapter = new GpdAdapter(
    client,
    settingsOf(config, TEST_ENTE),
    new Logger({ enabled: false, name: 'payment_pagopa_gpd' })
  )
  return { adapter, client, config }
}

export function apisOf(config: Record<string, any>) {
  return [
    { baseUrl: config.gpdBaseUrl, document: 'gpd' as const },
    { baseUrl: config.receiptsBaseUrl, document: 'gpd_payments' as const },
    { baseUrl: config.checkoutBaseUrl, document: 'checkout_v2' as const },
    { baseUrl: config.printBaseUrl, document: 'print-payment-notice-service' as const },
  ]
}
