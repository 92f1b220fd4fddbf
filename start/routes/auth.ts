import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OperatorSessionController = () => import('#controllers/auth/operator_session_controller')
const AdminSessionController = () => import('#controllers/auth/admin_session_controller')

router
  .group(() => {
    router.get('/operatori/login', [OperatorSessionController, 'create']).as('operator.login')
    router.post('/operatori/login', [OperatorSessionController, 'store'])
    router.post('/operatori/logout', [OperatorSessionController, 'destroy']).as('operator.logout')
  })
  .prefix('/:ente')
  .use(middleware.ente())

router.get('/admin/login', [AdminSessionController, 'create']).as('admin.login')
router.post('/admin/login', [AdminSessionController, 'store'])
router.post('/admin/logout', [AdminSessionController, 'destroy']).as('admin.logout')
