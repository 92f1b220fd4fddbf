import type { HttpContext } from '@adonisjs/core/http'

/**
 * "Pagamenti": the payments made and to make. The pagoPA positions come
 * with the payments issue; until then the page says there are none.
 */
export default class PaymentsController {
  async index({ view }: HttpContext) {
    return view.render('pages/citizen/payments')
  }
}
