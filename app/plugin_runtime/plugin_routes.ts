import type { HttpContext, Route, RouteGroup, Router } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import type { PluginHttpRequest, PluginHttpResponse } from '#plugin_runtime/define_plugin'
import type { AnyPluginManifest } from '#plugin_runtime/registry'
import { createPointManager } from '#plugin_runtime/point_manager'
import { PluginNotEnabledError } from '#plugin_runtime/errors'
import { routeSegment } from '#plugin_runtime/plugin_context'

type GroupMiddleware = Parameters<RouteGroup['use']>[0]

/**
 * config/shield.ts skips CSRF for routes whose meta says `csrfExempt`.
 * AdonisJS 6 routes have no public meta setter: the meta object is created
 * by `toJSON()` when the router commits, so this route's copy adds the flag.
 */
export function markCsrfExempt(route: Route) {
  const toJSON = route.toJSON.bind(route)
  route.toJSON = () => {
    const json = toJSON()
    json.meta.csrfExempt = true
    return json
  }
}

export function toPluginRequest({ request }: HttpContext): PluginHttpRequest {
  return {
    method: request.method(),
    url: request.completeUrl(true),
    headers: request.headers(),
    query: request.qs(),
    body: request.body(),
    rawBody: request.raw(),
  }
}

function send({ response }: HttpContext, reply: PluginHttpResponse) {
  if (reply.redirect) {
    return response.redirect(reply.redirect)
  }
  response.status(reply.status ?? 200)
  for (const [name, value] of Object.entries(reply.headers ?? {})) {
    response.header(name, value)
  }
  return response.send(reply.body ?? '')
}

/**
 * A plugin's own routes, for every ente, under `/:ente/auth/<id>/...`
 * (identity) or `/:ente/callbacks/<id>/...` (the others). They answer 404
 * for an ente that has not enabled the plugin. The adapter and context come
 * from the point manager, so they are the cached ones.
 */
export function mountPluginRoutes(
  router: Router,
  manifests: AnyPluginManifest[],
  enteMiddleware: GroupMiddleware
) {
  for (const manifest of manifests) {
    if (!manifest.routes?.length) continue
    const manager = createPointManager<unknown>(manifest.point)
    router
      .group(() => {
        for (const definition of manifest.routes!) {
          const route = router.route(definition.path, [definition.method], async (ctx) => {
            const active = await manager.forEnte(ctx.ente, manifest.id).catch((error) => {
              throw error instanceof PluginNotEnabledError ? new NotFoundException() : error
            })
            const reply = await definition.handler({
              request: toPluginRequest(ctx),
              adapter: active.adapter,
              context: active.context,
            })
            return send(ctx, reply)
          })
          if (definition.csrfExempt) markCsrfExempt(route)
        }
      })
      .prefix(`/:ente/${routeSegment(manifest.point)}/${manifest.id}`)
      .use(enteMiddleware)
  }
}

/**
 * Simulators of the remote systems, at `/_sim/<id>/...`: never in
 * production (the caller does not mount them there).
 */
export function mountPluginSimulators(router: Router, manifests: AnyPluginManifest[]) {
  for (const manifest of manifests) {
    if (!manifest.simulator?.routes.length) continue
    router
      .group(() => {
        for (const definition of manifest.simulator!.routes) {
          const route = router.route(definition.path, [definition.method], async (ctx) =>
            send(ctx, await definition.handler(toPluginRequest(ctx)))
          )
          if (definition.csrfExempt) markCsrfExempt(route)
        }
      })
      .prefix(`/_sim/${manifest.id}`)
  }
}
