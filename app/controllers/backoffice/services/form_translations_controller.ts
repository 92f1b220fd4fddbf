import type { HttpContext } from '@adonisjs/core/http'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveFormTranslations, translationsOf } from '#services/services/form_translations'
import { acting, renderTab, savedRedirect, tabUrl } from '#controllers/backoffice/services/editing'

/** "Traduzioni modulo": English and German for every text of the current form. */
export default class FormTranslationsController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const found = await translationsOf(service)
    return renderTab(ctx, service, 'traduzioni-modulo', {
      version: found?.version ?? null,
      rows: found?.rows ?? [],
    })
  }

  async update(ctx: HttpContext) {
    const { ente, request, response } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const found = await translationsOf(service)
    if (!found) return response.redirect(tabUrl(ctx, service, 'modulo'))
    await saveFormTranslations(service, found.version, request.only(['en', 'de']), acting(ctx))
    return savedRedirect(ctx, tabUrl(ctx, service, 'traduzioni-modulo'))
  }
}
