import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import { toPluginRequest } from '#plugin_runtime/plugin_routes'
import {
  currentCitizen,
  endCitizenSession,
  logoutConcerns,
  storedIdentity,
} from '#services/identity/citizen_session'
import { handleSingleLogout } from '#services/identity/logout'
import { renderRefusal, sendBrowser } from './browser_transport.js'

/**
 * The SLO endpoint of an identity plugin: the IdP's answer to the logout
 * the citizen asked for (their session here already ended), or a logout
 * the IdP starts, which ends the matching session and answers the IdP.
 */
export default class LogoutController {
  async callback(ctx: HttpContext) {
    const { ente, params, response, session, i18n } = ctx
    const pluginId = String(params.pluginId)
    try {
      const outcome = await handleSingleLogout(ente, pluginId, toPluginRequest(ctx))
      if (outcome.kind === 'answered') {
        session.flash('success', i18n.t('identity.logout.done'))
        return response.redirect().toPath(outcome.returnTo)
      }

      // A POST from the IdP's site carries no session cookie (SameSite=lax):
      // then there is nothing to match here, and the answer's new session
      // cookie replaces the old one in the browser anyway.
      const citizen = await currentCitizen(ctx)
      if (logoutConcerns(storedIdentity(ctx, citizen), pluginId, outcome.request)) {
        await endCitizenSession(ctx)
        logger.info(
          { ente: ente.slug, plugin: pluginId, citizen: citizen!.id },
          'citizen logout (IdP)'
        )
      }
      return sendBrowser(ctx, outcome.request.answer, 'logout')
    } catch (error) {
      if (error instanceof IdentityCallbackError) {
        return renderRefusal(ctx, error, 'logout', pluginId)
      }
      throw error
    }
  }
}
