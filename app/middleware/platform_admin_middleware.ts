import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import NotFoundException from '#exceptions/not_found_exception'
import { staffSessionIsCurrent } from '#services/auth/staff_session'

/**
 * /admin door: only enabled platform admins. Staff of an ente get 404.
 */
export default class PlatformAdminMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const auth = ctx.auth.use('web')
    if (!(await auth.check())) {
      ctx.session.put('intended_url', ctx.request.url(true))
      return ctx.response.redirect('/admin/login')
    }
    const user = auth.user!
    if (user.role !== 'platform_admin' || !user.isEnabled) {
      throw new NotFoundException()
    }
    // the password changed since this session began
    if (!staffSessionIsCurrent(ctx, user)) {
      await auth.logout()
      ctx.session.flash('error', 'La password è cambiata: accedi di nuovo.')
      return ctx.response.redirect('/admin/login')
    }
    ctx.view.share({ currentUser: user })
    return next()
  }
}
