import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { ENTE_STAFF_ROLES } from '#domain/roles'
import { staffLoginValidator } from '#validators/staff_login'
import { authenticateStaff } from '#services/auth/staff_authenticator'

const LOGIN_FAILED = 'Username o password non corretti.'
const ACCOUNT_DISABLED = 'Il tuo account è disabilitato: rivolgiti al manager del tuo ufficio.'

/**
 * "Accesso riservato al personale autorizzato" → "Gestisci i servizi
 * digitali": operators, managers and ente admins of this ente.
 */
export default class OperatorSessionController {
  async create({ view, ente }: HttpContext) {
    return view.render('pages/auth/operator_login', {
      title: 'Accesso riservato al personale autorizzato',
      action: `/${ente.slug}/operatori/login`,
    })
  }

  async store({ request, response, session, auth, ente }: HttpContext) {
    const { username, password, remember } = await request.validateUsing(staffLoginValidator)
    const result = await authenticateStaff({
      enteId: ente.id,
      username,
      password,
      roles: ENTE_STAFF_ROLES,
    })

    if ('error' in result) {
      session.flashExcept(['password'])
      session.flash('errors', {
        login: result.error === 'disabled' ? ACCOUNT_DISABLED : LOGIN_FAILED,
      })
      return response.redirect().back()
    }

    result.user.lastLoginAt = DateTime.now()
    await result.user.save()
    // the session guard renews the session id on login (no fixation)
    await auth.use('web').login(result.user, !!remember)
    const intended = session.pull('intended_url')
    const home = `/${ente.slug}/backoffice`
    return response.redirect(
      typeof intended === 'string' && intended.startsWith(`${home}`) ? intended : home
    )
  }

  async destroy({ response, auth, ente }: HttpContext) {
    await auth.use('web').logout()
    return response.redirect(`/${ente.slug}/operatori/login`)
  }
}
