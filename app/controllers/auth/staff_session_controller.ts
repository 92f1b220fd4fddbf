import type { HttpContext } from '@adonisjs/core/http'
import { staffLoginValidator } from '#validators/staff_login'
import { attemptStaffLogin } from '#services/auth/staff_login'
import { doorPaths, type StaffDoor } from '#services/auth/staff_door'
import { waitMinutes } from '#services/auth/throttles'

const LOGIN_FAILED = 'Username o password non corretti.'

/**
 * Login and logout at a staff door; the operators' door (an ente's) and
 * the platform admins' door differ only in the door and the page title.
 */
export abstract class StaffSessionController {
  protected abstract door(ctx: HttpContext): StaffDoor
  protected abstract title: string
  /** what a disabled account is told (the right password was typed) */
  protected disabledMessage = LOGIN_FAILED

  async create(ctx: HttpContext) {
    return this.render(ctx, {})
  }

  async store(ctx: HttpContext) {
    const { request, response, session } = ctx
    const input = await request.validateUsing(staffLoginValidator)
    const door = this.door(ctx)
    const outcome = await attemptStaffLogin(ctx, door, input)
    const paths = doorPaths(door)

    if (outcome.ok) {
      const intended = session.pull('intended_url')
      return response.redirect(
        typeof intended === 'string' && intended.startsWith(paths.home) ? intended : paths.home
      )
    }
    if (outcome.reason === 'throttled') {
      // rendered, not redirected: the answer itself is the 429
      response.status(429).header('Retry-After', String(outcome.waitSeconds))
      return this.render(ctx, {
        error: ctx.i18n.t('auth.staff.throttled', { minutes: waitMinutes(outcome.waitSeconds) }),
        username: input.username,
      })
    }
    session.flashExcept(['password'])
    session.flash('errors', {
      login: outcome.reason === 'disabled' ? this.disabledMessage : LOGIN_FAILED,
    })
    return response.redirect().back()
  }

  async destroy(ctx: HttpContext) {
    await ctx.auth.use('web').logout()
    return ctx.response.redirect(doorPaths(this.door(ctx)).login)
  }

  protected render(ctx: HttpContext, props: { error?: string; username?: string }) {
    const paths = doorPaths(this.door(ctx))
    return ctx.view.render('pages/auth/operator_login', {
      title: this.title,
      action: paths.login,
      forgotPasswordUrl: paths.forgotPassword,
      ...props,
    })
  }
}
