import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { MAX_QUERY_LENGTH } from '#domain/catalogue_search'
import { catalogue, filterText } from '#controllers/site/catalogue'
import Service from '#models/service'
import { findSchedaService, schedaPage } from '#services/services/scheda'
import { openConditionsFile } from '#services/services/conditions_file'

/**
 * Public catalogue (/servizi), scheda (/servizi/:slug) and the scheda's
 * "Condizioni di servizio" file. A service is looked up within the ente of
 * the URL only, so another ente's service is a 404; a private service is
 * not listed but its scheda answers by link.
 */
export default class ServicesController {
  async index({ request, view, ente, i18n }: HttpContext) {
    const filters = {
      text: String(request.input('q', '')).trim().slice(0, MAX_QUERY_LENGTH),
      category: String(request.input('categoria', '')),
      group: String(request.input('tipologia', '')),
    }
    const result = await catalogue(ente, filters, i18n.locale)
    return view.render('pages/site/services/index', {
      q: filters.text,
      ...result,
      filterText: (service: Service) => filterText(service, i18n.locale),
    })
  }

  async show({ params, request, view, ente, i18n }: HttpContext) {
    const service = await findSchedaService(ente, String(params.slug))
    if (!service) throw new NotFoundException()
    const page = await schedaPage(ente, service, {
      language: i18n.locale,
      origin: `${request.protocol()}://${request.host()}`,
    })
    return view.render('pages/site/services/show', { page })
  }

  async conditions({ params, response, ente }: HttpContext) {
    const service = await Service.forEnte(ente).where('slug', String(params.slug)).first()
    const opened = service ? await openConditionsFile(service) : null
    if (!opened) throw new NotFoundException()
    response.header('content-type', opened.file.mimeType)
    response.header('content-length', String(opened.file.size))
    response.attachment(opened.file.name)
    response.header('x-content-type-options', 'nosniff')
    return response.stream(opened.stream)
  }
}
