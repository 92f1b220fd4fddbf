import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import { TEST_ENTE } from '#extension_points/conformance'

/**
 * The platform's notification address as the simulated gateway reaches
 * it: a local server that keeps every push it receives, exactly as sent,
 * and answers the next status of `answers` (then 200), as the core's
 * route answers 503 while it cannot take a push.
 */
export class PlatformInbox {
  readonly received: PluginHttpRequest[] = []
  /** the statuses of the next deliveries, before the 200s */
  readonly answers: number[] = []
  #server: Server | null = null

  get url() {
    const { port } = this.#server!.address() as AddressInfo
    return `http://127.0.0.1:${port}/comune-di-prova/callbacks/payment_advanced_system/notify`
  }

  async start() {
    const server = createServer(async (request, response) => {
      let rawBody = ''
      for await (const chunk of request) rawBody += chunk
      this.received.push({
        method: request.method ?? 'POST',
        url: `${TEST_ENTE.baseUrl}/callbacks/payment_advanced_system/notify`,
        headers: request.headers,
        query: {},
        body: JSON.parse(rawBody),
        rawBody,
      })
      response.writeHead(this.answers.shift() ?? 200).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
  }

  async stop() {
    const server = this.#server
    this.#server = null
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve())
  }

  /** The pushes about this IUV (optionally in this state). */
  pushesFor(iuv: string, stato?: string) {
    return this.received.filter(
      (push) => (push.body as any).iuv === iuv && (!stato || (push.body as any).stato === stato)
    )
  }

  /** Waits until `count` pushes about this IUV have arrived (at most `withinMs`). */
  async waitFor(iuv: string, options: { stato?: string; count?: number; withinMs?: number } = {}) {
    const { stato, count = 1, withinMs = 3_000 } = options
    for (let waited = 0; waited < withinMs; waited += 25) {
      if (this.pushesFor(iuv, stato).length >= count) break
      await sleep(25)
    }
    return this.pushesFor(iuv, stato)
  }
}
