import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const BackofficeHomeController = () => import('#controllers/backoffice/home_controller')

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
