import { RemoteConfigurationError, RemoteUnavailableError } from '#extension_points/payment/errors'
import {
  path,
  type Carrello,
  type Errori,
  type NuovaPosizione,
  type NuovoCarrello,
  type Posizione,
  type Ricevuta,
} from './api.js'

/**
 * HTTP client of Advanced System's gateway (the provisional interface of
 * api.ts). Answers are typed by status: the adapter decides what a 404 or
 * a 409 means. Unreachable, timeouts and 5xx raise RemoteUnavailableError
 * (retried); a refused key or a wrong address RemoteConfigurationError.
 */
export type Answer<T> =
  | { status: 200 | 201; body: T }
  | { status: 404 | 409 | 422; body: Errori & { posizione?: Posizione } }
  | { status: 204; body: null }

export class AdvancedSystemClient {
  constructor(
    private options: { baseUrl: string; apiKey: string; codiceEnte: string; timeoutMs: number }
  ) {}

  createPosition(input: NuovaPosizione) {
    return this.#send<Posizione>('POST', path.posizioni(this.#ente), input)
  }

  position(iuv: string) {
    return this.#send<Posizione>('GET', path.posizione(this.#ente, iuv))
  }

  openPositions(codiceFiscale: string) {
    const query = new URLSearchParams({ debitore: codiceFiscale, stato: 'DA_PAGARE' })
    return this.#send<{ posizioni: Posizione[] }>('GET', `${path.posizioni(this.#ente)}?${query}`)
  }

  receipt(iuv: string) {
    return this.#send<Ricevuta>('GET', path.ricevuta(this.#ente, iuv))
  }

  cancel(iuv: string) {
    return this.#send<Posizione>('POST', path.annullamento(this.#ente, iuv), {})
  }

  openCart(input: NuovoCarrello) {
    return this.#send<Carrello>('POST', path.carrelli(this.#ente), input)
  }

  get #ente() {
    return encodeURIComponent(this.options.codiceEnte)
  }

  async #send<T>(method: 'GET' | 'POST', target: string, body?: unknown): Promise<Answer<T>> {
    let response: Response
    try {
      response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${target}`, {
        method,
        headers: {
          authorization: `Bearer ${this.options.apiKey}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      })
    } catch (error) {
      throw new RemoteUnavailableError({ reason: 'unreachable', cause: error })
    }
    if (response.status === 401 || response.status === 403) {
      throw new RemoteConfigurationError({ reason: 'authentication_failed' })
    }
    if (response.status >= 500 || ![200, 201, 204, 404, 409, 422].includes(response.status)) {
      throw new RemoteUnavailableError({ reason: `http_${response.status}` })
    }
    if (response.status === 204) return { status: 204, body: null }
    try {
      return { status: response.status, body: await response.json() } as Answer<T>
    } catch (error) {
      // a 404 that is not the gateway's JSON: the address is wrong
      if (response.status === 404)
        throw new RemoteConfigurationError({ reason: 'endpoint_not_found' })
      throw new RemoteUnavailableError({ reason: 'malformed_answer', cause: error })
    }
  }
}
