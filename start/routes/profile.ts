import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ProfileController = () => import('#controllers/citizen/profile_controller')

/** The citizen's "Profilo" in the personal area. */
router
  .group(() => {
    router.get('/profilo', [ProfileController, 'show']).as('citizen.profile')
    router.post('/profilo', [ProfileController, 'update']).as('citizen.profile.update')
  })
  .prefix('/:ente/area-personale')
  .use([middleware.ente(), middleware.citizen()])
