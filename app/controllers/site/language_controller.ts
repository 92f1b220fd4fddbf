import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * The language switcher: remembers the choice in the `lang` cookie (read by
 * the locale middleware) and goes back to the page. Only the ente's
 * languages exist here.
 */
export default class LanguageController {
  async update({ params, request, response, ente }: HttpContext) {
    const language = String(params.language)
    if (!ente.languages.includes(language as (typeof ente.languages)[number])) {
      throw new NotFoundException()
    }
    response.cookie('lang', language, { maxAge: '1y', httpOnly: true, sameSite: 'lax' })
    // back to a page of this ente only: never an open redirect
    const back = String(request.input('redirect', ''))
    const home = `/${ente.slug}/`
    const isOwnPage = back === `/${ente.slug}` || (back.startsWith(home) && !back.startsWith('//'))
    return response.redirect(isOwnPage ? back : home)
  }
}
