import type { HttpContext } from '@adonisjs/core/http'
import { forgotPasswordValidator } from '#validators/password'
import { requestPasswordReset } from '#services/auth/password_links'
import { doorPaths } from '#services/auth/staff_door'
import { waitMinutes } from '#services/auth/throttles'
import { requestOrigin } from '#services/audit/audit_log'

/**
 * "Hai dimenticato la password?" at both staff doors: /{ente}/operatori/
 * password-dimenticata and /admin/password-dimenticata (no ente).
 * Whether an account matched is never told.
 */
export default class ForgotPasswordController {
  async create(ctx: HttpContext) {
    return this.render(ctx, {})
  }

  async store(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const { identifier } = await request.validateUsing(forgotPasswordValidator)
    const door = ctx.ente ?? null
    const waitSeconds = await requestPasswordReset(door, identifier, requestOrigin(request))
    if (waitSeconds > 0) {
      response.status(429).header('Retry-After', String(waitSeconds))
      return this.render(ctx, {
        error: i18n.t('auth.password.throttled', { minutes: waitMinutes(waitSeconds) }),
        identifier,
      })
    }
    session.flash('success', i18n.t('auth.password.sent'))
    return response.redirect(doorPaths(door).forgotPassword)
  }

  protected render(ctx: HttpContext, props: { error?: string; identifier?: string }) {
    const paths = doorPaths(ctx.ente ?? null)
    return ctx.view.render('pages/auth/forgot_password', {
      title: ctx.i18n.t('auth.password.forgot_title'),
      action: paths.forgotPassword,
      loginUrl: paths.login,
      ...props,
    })
  }
}
