import type { HttpContext } from '@adonisjs/core/http'

/**
 * The citizen's door: /accedi lists the ways in (the identity plugins will
 * fill it), /area-personale/esci logs out of this ente.
 */
export default class AccessController {
  async show({ view, ente, auth, response }: HttpContext) {
    const guard = auth.use('citizen')
    if ((await guard.check()) && guard.user!.enteId === ente.id) {
      return response.redirect(`/${ente.slug}/area-personale`)
    }
    return view.render('pages/citizen/access')
  }

  async destroy({ auth, response, ente }: HttpContext) {
    await auth.use('citizen').logout()
    return response.redirect(`/${ente.slug}/`)
  }
}
