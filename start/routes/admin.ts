import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const EntiController = () => import('#controllers/admin/enti_controller')

/**
 * Platform administration (platform admins only).
 */
router
  .group(() => {
    router.get('/', ({ response }) => response.redirect('/admin/enti')).as('admin.home')
    router.get('/enti', [EntiController, 'index']).as('admin.enti.index')
    router.get('/enti/create', [EntiController, 'create']).as('admin.enti.create')
    router.post('/enti', [EntiController, 'store']).as('admin.enti.store')
    router
      .get('/enti/:id/edit', [EntiController, 'edit'])
      .as('admin.enti.edit')
      .where('id', router.matchers.number())
    router
      .put('/enti/:id', [EntiController, 'update'])
      .as('admin.enti.update')
      .where('id', router.matchers.number())
  })
  .prefix('/admin')
  .use(middleware.platformAdmin())
