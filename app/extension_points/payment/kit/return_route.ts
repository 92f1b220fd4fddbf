import type { PluginRoute } from '#extension_points/define_plugin'
import type { PaymentAdapter } from '#extension_points/payment/contract'

/**
 * The citizen's way back from a remote checkout. Most intermediaries send
 * the browser to ONE address and add the outcome as query parameters, while
 * the platform gives one address per outcome (`returnUrls`): the plugin
 * passes the remote the address of this route carrying the platform's
 * addresses, and the route picks one. It only ever sends the browser into
 * the same ente's pages (an open redirect otherwise) and changes nothing:
 * the outcome is what the remote reports when asked.
 *
 * @example
 *   // plugin.ts: routes: [paymentReturnRoute((query) => query.esito === 'OK' ? [query.ok] : [query.errore, query.ko])]
 *   // adapter.ts: paymentReturnUrl(context.routeUrl, { ok: urls.success, ko: urls.cancel })
 */
export const RETURN_PATH = '/ritorno'

/** The address to give the remote: this route with the platform's addresses by name. */
export function paymentReturnUrl(
  routeUrl: (path: string) => string,
  targets: Record<string, string | undefined>
) {
  const query = new URLSearchParams()
  for (const [name, target] of Object.entries(targets)) if (target) query.set(name, target)
  return `${routeUrl(RETURN_PATH)}?${query}`
}

/** An address inside the ente's own site, or null. */
export function insideEnte(target: unknown, enteBaseUrl: string) {
  if (typeof target !== 'string') return null
  try {
    const url = new URL(target)
    const base = new URL(enteBaseUrl)
    const basePath = base.pathname.replace(/\/+$/, '')
    const inside =
      url.origin === base.origin &&
      (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))
    return inside ? url.toString() : null
  } catch {
    return null
  }
}

/**
 * The GET route at RETURN_PATH: `candidates` reads the remote's outcome in
 * the query and answers the addresses to try, in order; the first one inside
 * the ente wins, none answers 400.
 */
export function paymentReturnRoute(
  candidates: (query: Record<string, unknown>) => unknown[]
): PluginRoute<PaymentAdapter, unknown> {
  return {
    method: 'GET',
    path: RETURN_PATH,
    handler({ request, context }) {
      const target = candidates(request.query)
        .map((candidate) => insideEnte(candidate, context.ente.baseUrl))
        .find(Boolean)
      if (!target) {
        return {
          status: 400,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'Indirizzo di ritorno dal pagamento non valido.',
        }
      }
      return { redirect: target }
    },
  }
}
