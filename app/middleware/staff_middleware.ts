import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { Role } from '#domain/roles'
import { ENTE_STAFF_ROLES } from '#domain/roles'
import NotFoundException from '#exceptions/not_found_exception'
import { staffSessionIsCurrent } from '#services/auth/staff_session'

/**
 * Backoffice door: a logged-in, enabled staff member of this very ente,
 * with one of the given roles. Someone of another ente, or without the
 * role, gets 404 so nothing leaks; a disabled account is logged out.
 */
export default class StaffMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { roles?: Role[] } = {}) {
    const auth = ctx.auth.use('web')
    const loginUrl = `/${ctx.ente.slug}/operatori/login`

    if (!(await auth.check())) {
      ctx.session.put('intended_url', ctx.request.url(true))
      return ctx.response.redirect(loginUrl)
    }

    const user = auth.user!
    if (!user.isEnabled) {
      await auth.logout()
      ctx.session.flash('error', 'Il tuo account è stato disabilitato.')
      return ctx.response.redirect(loginUrl)
    }
    // the password changed since this session began (elsewhere, or by a reset)
    if (!staffSessionIsCurrent(ctx, user)) {
      await auth.logout()
      ctx.session.flash('error', 'La password è cambiata: accedi di nuovo.')
      return ctx.response.redirect(loginUrl)
    }

    const roles = options.roles ?? ENTE_STAFF_ROLES
    if (user.enteId !== ctx.ente.id || !roles.includes(user.role)) {
      throw new NotFoundException()
    }

    ctx.view.share({ currentUser: user })
    return next()
  }
}
