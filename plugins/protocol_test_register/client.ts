import { ProtocolRefusedError, RemoteUnavailableError } from '#extension_points/protocol/errors'

/**
 * HTTP client of the test register's API (simulator/routes.ts): JSON in
 * and out. A register that cannot be reached or answers 5xx is
 * RemoteUnavailableError (the job retries); a 400 is a refusal.
 */
export class TestRegisterClient {
  constructor(
    private baseUrl: string,
    private timeoutMs = 10_000
  ) {}

  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, unknown>
  ): Promise<T | null> {
    let response: Response
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: body
          ? { 'content-type': 'application/json', 'accept': 'application/json' }
          : { accept: 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (error) {
      throw new RemoteUnavailableError({ cause: error })
    }
    if (response.status === 404) return null
    if (response.status >= 500) {
      throw new RemoteUnavailableError({ reason: `http_${response.status}` })
    }
    const payload = (await response.json()) as T
    if (response.status === 400) {
      throw new ProtocolRefusedError('invalid_document', { detail: JSON.stringify(payload) })
    }
    return payload
  }
}
