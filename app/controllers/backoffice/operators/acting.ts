import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'

/** The logged-in manager or ente admin, and where the request came from. */
export function acting(ctx: HttpContext): Acting {
  return { actor: ctx.auth.use('web').user!, origin: requestOrigin(ctx.request) }
}

export function operatorsUrl(ctx: HttpContext) {
  return `/${ctx.ente.slug}/backoffice/operatori`
}

/** Back to the list page the action came from (search and page kept), never elsewhere. */
export function backToList(ctx: HttpContext) {
  const list = operatorsUrl(ctx)
  const referrer = ctx.request.header('referer')
  if (referrer) {
    const url = new URL(referrer, 'http://localhost')
    if (url.pathname === list) return `${url.pathname}${url.search}`
  }
  return list
}
