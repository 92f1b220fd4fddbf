import type { HttpContext } from '@adonisjs/core/http'
import Category from '#models/category'
import Service from '#models/service'
import { LISTED_STATUSES } from '#controllers/site/catalogue'

const FEATURED_COUNT = 6

/**
 * Home of an ente's site: its name, a search field, the topics that have
 * services, a few published services.
 */
export default class HomeController {
  async show({ view, ente }: HttpContext) {
    const [categories, services] = await Promise.all([
      Category.forEnte(ente)
        .whereIn(
          'id',
          Service.forEnte(ente)
            .whereIn('status', LISTED_STATUSES)
            .whereNotNull('category_id')
            .select('category_id')
        )
        .orderBy('name'),
      Service.forEnte(ente)
        .where('status', 'published')
        .preload('category')
        .orderBy('name')
        .limit(FEATURED_COUNT),
    ])
    return view.render('pages/site/home', { categories, services })
  }
}
