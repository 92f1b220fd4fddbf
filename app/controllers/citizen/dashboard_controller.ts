import type { HttpContext } from '@adonisjs/core/http'

/**
 * "Scrivania", the first page of the personal area. The pratiche and the
 * counters arrive with the pratiche; until then it shows the empty state.
 */
export default class DashboardController {
  async show({ view }: HttpContext) {
    return view.render('pages/citizen/dashboard')
  }
}
