import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BackofficeHomeController = () => import('#controllers/backoffice/home_controller')

/**
 * The ente admin's settings start from the plugins, for now.
 */
router
  .get('/:ente/backoffice/impostazioni', ({ response, ente }) =>
    response.redirect(`/${ente.slug}/backoffice/impostazioni/plugin`)
  )
  .as('backoffice.settings')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])

/**
 * The operators' backoffice of an ente. Every route sits behind `staff`,
 * which answers 404 to anyone outside this ente.
 */
router
  .group(() => {
    router.get('/', [BackofficeHomeController, 'show']).as('backoffice.home')
  })
  .prefix('/:ente/backoffice')
  .use([middleware.ente(), middleware.staff()])
