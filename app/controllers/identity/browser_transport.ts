import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import type { BrowserTransport } from '#extension_points/identity/contract'
import type { IdentityCallbackError } from '#extension_points/identity/errors'
import { currentCitizen } from '#services/identity/citizen_session'
import { waitMinutes } from '#services/auth/throttles'

export type IdentityStep = 'login' | 'logout'

/**
 * Sends the browser to the IdP: a redirect, or a page whose form posts
 * itself (Alpine `autoSubmit`, no inline script) and has a button for
 * browsers without JavaScript. Never cached: it carries a signed request.
 */
export function sendBrowser(ctx: HttpContext, transport: BrowserTransport, step: IdentityStep) {
  ctx.response.header('cache-control', 'no-store')
  if (transport.kind === 'redirect') {
    return ctx.response.redirect().toPath(transport.url)
  }
  return ctx.view.render('pages/identity/redirect', {
    step,
    action: transport.action,
    fields: Object.entries(transport.fields),
  })
}

/**
 * An IdP answer that cannot be trusted or accepted: logged with its reason,
 * answered 400 with the error's Italian message and a way back to the
 * access page. Nobody is logged in by it.
 */
export async function renderRefusal(
  ctx: HttpContext,
  error: IdentityCallbackError,
  step: IdentityStep,
  pluginId: string
) {
  logger.warn(
    {
      ente: ctx.ente.slug,
      plugin: pluginId,
      reason: error.reason,
      detail: error.detail,
      cause: error.cause instanceof Error ? error.cause.message : undefined,
    },
    `citizen ${step} refused`
  )
  ctx.response.status(400)
  // the header shows who is still logged in (a refused answer changes nothing);
  // components see shared values only
  ctx.view.share({ currentCitizen: await currentCitizen(ctx) })
  return ctx.view.render('pages/identity/refused', { step, message: error.message })
}

/** Too many logins from this address: answered 429 with the wait, nothing processed. */
export async function renderThrottled(ctx: HttpContext, seconds: number) {
  logger.warn({ ente: ctx.ente.slug, ip: ctx.request.ip() }, 'citizen login throttled')
  ctx.response.status(429)
  ctx.response.header('Retry-After', String(seconds))
  ctx.view.share({ currentCitizen: await currentCitizen(ctx) })
  return ctx.view.render('pages/identity/refused', {
    step: 'login',
    message: ctx.i18n.t('identity.refused.throttled', { minutes: waitMinutes(seconds) }),
  })
}
