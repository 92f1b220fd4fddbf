import type { HttpContext } from '@adonisjs/core/http'

/**
 * "Elenco pratiche": the operator's starting page. The list itself comes
 * with the pratiche; until then it shows its empty state.
 */
export default class BackofficeHomeController {
  async show({ view }: HttpContext) {
    return view.render('pages/backoffice/home', { title: 'Elenco pratiche' })
  }
}
