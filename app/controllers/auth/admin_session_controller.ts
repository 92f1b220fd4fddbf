import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { staffLoginValidator } from '#validators/staff_login'
import { authenticateStaff } from '#services/auth/staff_authenticator'

/**
 * Login of the platform administrators (they belong to no ente).
 */
export default class AdminSessionController {
  async create({ view }: HttpContext) {
    return view.render('pages/auth/operator_login', {
      title: 'Amministrazione della piattaforma',
      action: '/admin/login',
    })
  }

  async store({ request, response, session, auth }: HttpContext) {
    const { username, password, remember } = await request.validateUsing(staffLoginValidator)
    const result = await authenticateStaff({
      enteId: null,
      username,
      password,
      roles: ['platform_admin'],
    })

    if ('error' in result) {
      session.flashExcept(['password'])
      session.flash('errors', { login: 'Username o password non corretti.' })
      return response.redirect().back()
    }
    result.user.lastLoginAt = DateTime.now()
    await result.user.save()
    await auth.use('web').login(result.user, !!remember)
    const intended = session.pull('intended_url')
    return response.redirect(
      typeof intended === 'string' && intended.startsWith('/admin') ? intended : '/admin'
    )
  }

  async destroy({ response, auth }: HttpContext) {
    await auth.use('web').logout()
    return response.redirect('/admin/login')
  }
}
