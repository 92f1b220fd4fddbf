import type { HttpContext } from '@adonisjs/core/http'
import { dashboard } from '#services/personal_area/dashboard'

/** "Scrivania": the latest pratiche, the latest messages, the payments. */
export default class DashboardController {
  async show({ view, ente, auth, i18n }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    return view.render('pages/citizen/dashboard', await dashboard(ente, citizen, i18n.locale))
  }
}
