import type { HttpContext } from '@adonisjs/core/http'
import Category from '#models/category'
import Service from '#models/service'
import { SCHEDA_SECTIONS } from '#domain/service_settings'
import NotFoundException from '#exceptions/not_found_exception'
import { listedServices } from '#controllers/site/catalogue'

const MAX_QUERY_LENGTH = 100

/**
 * Public catalogue (/servizi) and scheda (/servizi/:slug) of an ente. A
 * service is looked up within the ente of the URL only, so another ente's
 * service is a 404.
 */
export default class ServicesController {
  async index({ request, view, ente }: HttpContext) {
    const q = String(request.input('q', '')).trim().slice(0, MAX_QUERY_LENGTH)
    const categories = await Category.forEnte(ente).orderBy('name')
    const category = categories.find((item) => item.slug === request.input('categoria')) ?? null
    const services = await listedServices(ente, { text: q, category })
    return view.render('pages/site/services/index', { q, category, categories, services })
  }

  async show({ params, view, ente }: HttpContext) {
    const service = await Service.forEnte(ente)
      .where('slug', String(params.slug))
      .preload('category')
      .first()
    if (!service) {
      throw new NotFoundException()
    }
    // descrizione_breve is the lead paragraph, the others are sections
    const sections = SCHEDA_SECTIONS.filter((section) => section !== 'descrizione_breve')
    return view.render('pages/site/services/show', { service, sections })
  }
}
