import type { HttpContext } from '@adonisjs/core/http'
import { generalMessages, serviceGeneralValidator } from '#validators/service_general'
import { findServiceOrFail } from '#services/services/staff_services'
import { saveServiceTab } from '#services/services/update_service'
import { withGeneralTexts } from '#services/services/scheda_content'
import {
  CONTENT_LANGUAGES,
  acting,
  renderTab,
  savedRedirect,
  tabUrl,
  validateTab,
} from '#controllers/backoffice/services/editing'

/** "Dati generali": name and short description (it/en/de) and the address in the site. */
export default class GeneralController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const text = (language: 'it' | 'en' | 'de', key: 'nome' | 'descrizione_breve') =>
      service.content[language]?.[key] ?? ''
    return renderTab(ctx, service, 'dati-generali', {
      contentLanguages: CONTENT_LANGUAGES,
      values: {
        slug: service.slug,
        nome: {
          it: text('it', 'nome') || service.name,
          en: text('en', 'nome'),
          de: text('de', 'nome'),
        },
        descrizione_breve: {
          it: text('it', 'descrizione_breve'),
          en: text('en', 'descrizione_breve'),
          de: text('de', 'descrizione_breve'),
        },
      },
    })
  }

  async update(ctx: HttpContext) {
    const { ente, request } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const input = request.only(['slug', 'nome', 'descrizione_breve'])
    const result = await validateTab(serviceGeneralValidator, input, generalMessages, {
      enteId: ente.id,
      serviceId: service.id,
    })
    if (result.errors) {
      return renderTab(ctx, service, 'dati-generali', {
        contentLanguages: CONTENT_LANGUAGES,
        values: input,
        errors: result.errors,
      })
    }
    const { slug, nome, descrizione_breve: summary } = result.value
    await saveServiceTab(
      service,
      'dati-generali',
      {
        slug,
        name: nome.it,
        content: withGeneralTexts(service.content, { nome, descrizione_breve: summary }),
      },
      acting(ctx)
    )
    return savedRedirect(ctx, tabUrl(ctx, service, 'dati-generali'))
  }
}
