import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { findEnteSlugByHost } from '#services/enti/ente_lookup'

/**
 * An ente may be served on its own host (servizi.comune.example.it). There
 * the path prefix is optional: /servizi is routed as /{slug}/servizi.
 * Runs before routing, so it rewrites the path the router sees.
 */
export default class HostMappingMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const hostname = ctx.request.hostname()
    const slug = hostname ? await findEnteSlugByHost(hostname) : null
    if (slug) {
      const parsed = ctx.request.parsedUrl
      const pathname = parsed.pathname ?? '/'
      const prefix = `/${slug}`
      if (pathname !== prefix && !pathname.startsWith(`${prefix}/`) && !isPlatformPath(pathname)) {
        parsed.pathname = `${prefix}${pathname}`
      }
    }
    return next()
  }
}

/** Paths that belong to the platform, not to an ente. */
function isPlatformPath(pathname: string) {
  return /^\/(health|assets|_sim|dev|admin)(\/|$)/.test(pathname)
}
