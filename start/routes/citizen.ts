import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AccessController = () => import('#controllers/citizen/access_controller')
const DashboardController = () => import('#controllers/citizen/dashboard_controller')

/**
 * Citizen access page and personal area of an ente. The area sits behind
 * `citizen`, which sends anyone else to /accedi.
 */
router
  .group(() => {
    router.get('/accedi', [AccessController, 'show']).as('citizen.access')
    router.post('/area-personale/esci', [AccessController, 'destroy']).as('citizen.logout')
  })
  .prefix('/:ente')
  .use(middleware.ente())

router
  .group(() => {
    router.get('/', [DashboardController, 'show']).as('citizen.dashboard')
  })
  .prefix('/:ente/area-personale')
  .use([middleware.ente(), middleware.citizen()])
