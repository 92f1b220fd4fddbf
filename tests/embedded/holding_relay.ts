import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/** Set again by fetch for the forwarded request. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding'])

export interface RelayedRequest {
  path: string
  headers: Record<string, string>
  body: string
}

/**
 * An HTTP endpoint in the test process between the server and a party it
 * talks to: it keeps every request, forwards it to `forwardTo` (or answers
 * 200 itself), and never answers the first request `hold` matches, so the
 * server can be killed while that exchange is in flight (a push not yet
 * delivered, an answer lost on its way back).
 */
export class HoldingRelay {
  readonly requests: RelayedRequest[] = []
  held: RelayedRequest | null = null
  readonly #server = createServer((request, response) => this.#handle(request, response))

  constructor(
    private options: {
      hold: (request: RelayedRequest) => boolean
      forwardTo?: (path: string) => string
    }
  ) {}

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    const { port } = this.#server.address() as { port: number }
    return `http://127.0.0.1:${port}`
  }

  async stop() {
    this.#server.closeAllConnections()
    await new Promise((resolve) => this.#server.close(resolve))
  }

  async #handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const relayed: RelayedRequest = {
      path: request.url ?? '/',
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, String(value)])
      ),
      body: Buffer.concat(chunks).toString('utf8'),
    }
    this.requests.push(relayed)
    const holding = !this.held && this.options.hold(relayed)
    if (holding) this.held = relayed

    const answer = this.options.forwardTo
      ? await this.#forward(relayed, this.options.forwardTo(relayed.path))
      : { status: 200, type: 'text/plain', body: '' }
    if (holding || !answer) return
    response.writeHead(answer.status, { 'content-type': answer.type })
    response.end(answer.body)
  }

  async #forward(relayed: RelayedRequest, url: string) {
    const headers = Object.fromEntries(
      Object.entries(relayed.headers).filter(([name]) => !HOP_HEADERS.has(name))
    )
    try {
      const answer = await fetch(url, { method: 'POST', headers, body: relayed.body })
      return {
        status: answer.status,
        type: answer.headers.get('content-type') ?? 'text/plain',
        body: await answer.text(),
      }
    } catch {
      // the server on the other side is gone: leave the caller without an answer
      return null
    }
  }
}
