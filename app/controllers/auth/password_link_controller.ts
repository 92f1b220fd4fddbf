import type { HttpContext } from '@adonisjs/core/http'
import { newPasswordValidator } from '#validators/password'
import { findPasswordToken } from '#services/auth/password_tokens'
import { changePasswordWithToken } from '#services/auth/change_password'
import { doorPaths } from '#services/auth/staff_door'
import { requestOrigin } from '#services/audit/audit_log'

/**
 * The page an e-mail link opens: "Imposta la password" (new account) or
 * "Cambia password" (reset), at /{ente}/operatori/password/{token} or
 * /admin/password/{token}. A link that does not work here (unknown, used,
 * expired, of another door) gets the same 404 page.
 */
export default class PasswordLinkController {
  async show(ctx: HttpContext) {
    const link = await findPasswordToken(ctx.ente ?? null, String(ctx.params.passwordToken))
    if (!link) return this.invalid(ctx)
    // the token is in the address: keep it out of Referer headers to other sites
    ctx.response.header('Referrer-Policy', 'same-origin')
    return ctx.view.render('pages/auth/new_password', {
      title: ctx.i18n.t(
        link.purpose === 'setup' ? 'auth.password.setup_title' : 'auth.password.change_title'
      ),
      purpose: link.purpose,
      username: link.user.username,
      action: ctx.request.url(),
    })
  }

  async update(ctx: HttpContext) {
    const { request, response, session, i18n } = ctx
    const door = ctx.ente ?? null
    const link = await findPasswordToken(door, String(ctx.params.passwordToken))
    if (!link) return this.invalid(ctx)
    const { password } = await request.validateUsing(newPasswordValidator, {
      meta: { account: link.user },
    })
    if (!(await changePasswordWithToken(link, password, requestOrigin(request)))) {
      return this.invalid(ctx)
    }
    session.flash(
      'success',
      i18n.t(link.purpose === 'setup' ? 'auth.password.setup_done' : 'auth.password.changed')
    )
    return response.redirect(doorPaths(door).login)
  }

  protected invalid(ctx: HttpContext) {
    ctx.response.status(404)
    return ctx.view.render('pages/auth/invalid_link', {
      title: ctx.i18n.t('auth.password.invalid_title'),
      forgotPasswordUrl: doorPaths(ctx.ente ?? null).forgotPassword,
    })
  }
}
