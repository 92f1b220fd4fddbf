import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { ExtensionPointError, IdentityCallbackError } from '#extension_points/identity/errors'
import { toPluginRequest } from '#plugin_runtime/plugin_routes'
import { beginCitizenSession, currentCitizen } from '#services/identity/citizen_session'
import { completeLogin } from '#services/identity/complete_login'
import { DEFAULT_LOGIN_LEVEL, parseLoginLevel } from '#services/identity/login_level'
import { personalAreaPath, safeReturnPath } from '#services/identity/return_path'
import { accessPath } from '#services/identity/service_door'
import { startLogin, UnknownIdentityProviderError } from '#services/identity/start_login'
import { citizenLoginThrottle } from '#services/auth/throttles'
import { renderRefusal, renderThrottled, sendBrowser } from './browser_transport.js'

/**
 * A citizen's login through one identity plugin: `start` (from the access
 * page: ?livello=, ?idp=, ?torna=) and `callback`, the ACS the IdP answers.
 */
export default class LoginController {
  async start(ctx: HttpContext) {
    const { ente, params, request, response, session, i18n } = ctx
    const wait = await citizenLoginThrottle.started(request.ip())
    if (wait > 0) return renderThrottled(ctx, wait)
    const level = parseLoginLevel(request.input('livello')) ?? DEFAULT_LOGIN_LEVEL
    const returnTo =
      safeReturnPath(ente.slug, request.input('torna')) ?? personalAreaPath(ente.slug)
    const idp = request.input('idp')
    try {
      const transport = await startLogin(ente, {
        pluginId: String(params.pluginId),
        level,
        idpId: typeof idp === 'string' && idp ? idp : undefined,
        returnTo,
        // someone already logged in is here to step up: the IdP must ask again
        forceAuthn: (await currentCitizen(ctx)) !== null,
      })
      return sendBrowser(ctx, transport, 'login')
    } catch (error) {
      // an unknown IdP, or one whose metadata cannot be had right now: the
      // citizen goes back to the access page with the reason, to pick again
      if (error instanceof UnknownIdentityProviderError) {
        session.flash('error', i18n.t('identity.access.unknown_idp'))
      } else if (error instanceof ExtensionPointError) {
        logger.warn(
          { ente: ente.slug, plugin: params.pluginId, reason: error.reason },
          error.message
        )
        session.flash('error', error.message)
      } else {
        throw error
      }
      return response.redirect().toPath(accessPath(ente.slug, level, returnTo))
    }
  }

  async callback(ctx: HttpContext) {
    const { ente, params, request, response } = ctx
    const pluginId = String(params.pluginId)
    const blocked = await citizenLoginThrottle.answersBlockedFor(request.ip())
    if (blocked > 0) return renderThrottled(ctx, blocked)
    try {
      const login = await completeLogin(ente, pluginId, toPluginRequest(ctx))
      await beginCitizenSession(ctx, login.citizen, pluginId, login.identity)
      logger.info(
        {
          ente: ente.slug,
          plugin: pluginId,
          citizen: login.citizen.id,
          level: login.identity.level,
          source: login.identity.source,
          idp: login.identity.idpId,
        },
        'citizen login'
      )
      return response.redirect().toPath(login.returnTo)
    } catch (error) {
      if (error instanceof IdentityCallbackError) {
        await citizenLoginThrottle.answerRefused(request.ip())
        return renderRefusal(ctx, error, 'login', pluginId)
      }
      throw error
    }
  }
}
