import type { HttpContext } from '@adonisjs/core/http'
import logger from '@adonisjs/core/services/logger'
import { satisfiesLevel } from '#domain/auth_level'
import { accessOptions } from '#services/identity/access_options'
import {
  currentCitizen,
  endCitizenSession,
  sessionLevel,
  storedIdentity,
} from '#services/identity/citizen_session'
import { DEFAULT_LOGIN_LEVEL, parseLoginLevel } from '#services/identity/login_level'
import { startLogout } from '#services/identity/logout'
import { personalAreaPath, safeReturnPath } from '#services/identity/return_path'
import { sendBrowser } from '#controllers/identity/browser_transport'

/**
 * The citizen's door: "Accedi" lists the ways in (SPID with its IdPs, CIE)
 * at the level asked (`?livello=`) and for the page to return to
 * (`?torna=`, or the page the personal area was asked for);
 * /area-personale/esci logs out.
 */
export default class AccessController {
  async show(ctx: HttpContext) {
    const { view, ente, request, response, session } = ctx
    const requiredLevel = parseLoginLevel(request.input('livello'))
    const returnTo =
      safeReturnPath(ente.slug, request.input('torna')) ??
      safeReturnPath(ente.slug, session.get('intended_url'))

    const { citizen, level } = await sessionLevel(ctx)
    if (citizen && (requiredLevel === null || satisfiesLevel(level, requiredLevel))) {
      return response.redirect().toPath(returnTo ?? personalAreaPath(ente.slug))
    }

    const options = await accessOptions(ente, {
      level: requiredLevel ?? DEFAULT_LOGIN_LEVEL,
      returnTo,
    })
    return view.render('pages/citizen/access', {
      options,
      requiredLevel,
      // logged in, below the level asked: log in again (step up)
      stepUp: citizen !== null,
    })
  }

  async destroy(ctx: HttpContext) {
    const { ente, response, session, i18n } = ctx
    const citizen = await currentCitizen(ctx)
    const home = `/${ente.slug}/`
    const transport = await startLogout(ente, storedIdentity(ctx, citizen), home)
    await endCitizenSession(ctx)
    if (citizen) logger.info({ ente: ente.slug, citizen: citizen.id }, 'citizen logout')

    if (transport) return sendBrowser(ctx, transport, 'logout')
    session.flash('success', i18n.t('identity.logout.done'))
    return response.redirect().toPath(home)
  }
}
