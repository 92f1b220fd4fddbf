import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Personal-area door: a citizen logged in to this ente. Others are sent to
 * the ente's access page and come back here afterwards.
 */
export default class CitizenMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const auth = ctx.auth.use('citizen')
    const citizen = (await auth.check()) ? auth.user! : null

    if (!citizen || citizen.enteId !== ctx.ente.id) {
      ctx.session.put('intended_url', ctx.request.url(true))
      return ctx.response.redirect(`/${ctx.ente.slug}/accedi`)
    }

    ctx.view.share({ currentCitizen: citizen })
    return next()
  }
}
