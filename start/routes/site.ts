import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { middleware } from '#start/kernel'

const HomeController = () => import('#controllers/site/home_controller')
const ServicesController = () => import('#controllers/site/services_controller')
const LanguageController = () => import('#controllers/site/language_controller')

/**
 * Public pages show a logged-in citizen's name and menu instead of
 * "Accedi all'area personale".
 */
async function shareCitizen({ auth, ente, view }: HttpContext, next: NextFn) {
  const guard = auth.use('citizen')
  if ((await guard.check()) && guard.user!.enteId === ente.id) {
    view.share({ currentCitizen: guard.user })
  }
  return next()
}

/**
 * Public site of an ente: home, catalogue, scheda, language choice.
 */
router
  .group(() => {
    router.get('/', [HomeController, 'show']).as('site.home')
    router.get('/servizi', [ServicesController, 'index']).as('site.services.index')
    router.get('/servizi/:slug', [ServicesController, 'show']).as('site.services.show')
    router
      .get('/servizi/:slug/condizioni', [ServicesController, 'conditions'])
      .as('site.services.conditions')
    router.get('/lingua/:language', [LanguageController, 'update']).as('site.language')
  })
  .prefix('/:ente')
  .use([middleware.ente(), shareCitizen])
