import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PluginHttpRequest, PluginHttpResponse } from '#plugin_runtime/define_plugin'

type SimulatorRoute = {
  method: string
  path: string
  handler: (request: PluginHttpRequest) => Promise<PluginHttpResponse> | PluginHttpResponse
}

/**
 * Serves a plugin's simulator routes on a local port, for the plugin's own
 * tests: the conformance harness takes the remote down (`stop`) and up
 * again (`start`, same port). In the app the runtime mounts the same routes
 * under /_sim/<plugin id>/.
 *
 * @example
 *   const remote = new SimulatorServer(plugin.simulator!.routes)
 *   const harness = { setup: () => remote.start(), teardown: () => remote.stop(), takeDown: () => remote.stop(), bringUp: () => remote.start() }
 *   const config = { baseUrl: remote.url }   // after start()
 */
export class SimulatorServer {
  #server: Server | null = null
  #port = 0

  constructor(private routes: SimulatorRoute[]) {}

  get url() {
    return `http://127.0.0.1:${this.#port}`
  }

  async start() {
    if (this.#server) return
    const server = createServer((request, response) => {
      this.#handle(request)
        .then((reply) => {
          if (reply.redirect) {
            response.writeHead(302, { location: reply.redirect }).end()
            return
          }
          const isJson =
            reply.body !== undefined &&
            !Buffer.isBuffer(reply.body) &&
            typeof reply.body === 'object'
          response.writeHead(reply.status ?? 200, {
            ...(isJson ? { 'content-type': 'application/json' } : {}),
            ...reply.headers,
          })
          response.end(
            isJson ? JSON.stringify(reply.body) : (reply.body as string | Buffer | undefined)
          )
        })
        .catch((error) => response.writeHead(500).end(String(error?.stack ?? error)))
    })
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve))
    this.#port = (server.address() as AddressInfo).port
    this.#server = server
  }

  async stop() {
    const server = this.#server
    this.#server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  async #handle(request: IncomingMessage): Promise<PluginHttpResponse> {
    const url = new URL(request.url ?? '/', this.url)
    const route = this.routes.find(
      (candidate) =>
        candidate.method === request.method && pathMatches(candidate.path, url.pathname)
    )
    if (!route) return { status: 404, body: 'not found' }
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const rawBody = chunks.length ? Buffer.concat(chunks).toString('utf8') : null
    const type = String(request.headers['content-type'] ?? '')
    return route.handler({
      method: request.method ?? 'GET',
      url: url.toString(),
      headers: request.headers,
      query: Object.fromEntries(url.searchParams),
      body: rawBody && type.includes('json') ? JSON.parse(rawBody) : rawBody,
      rawBody,
    })
  }
}

/** A route path matches as the app's router would: a `:name` segment stands for any one segment. */
function pathMatches(pattern: string, pathname: string) {
  const expected = pattern.split('/')
  const actual = pathname.split('/')
  return (
    expected.length === actual.length &&
    expected.every((segment, index) =>
      segment.startsWith(':') ? actual[index] !== '' : segment === actual[index]
    )
  )
}
