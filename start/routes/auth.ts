import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OperatorSessionController = () => import('#controllers/auth/operator_session_controller')
const AdminSessionController = () => import('#controllers/auth/admin_session_controller')
const ForgotPasswordController = () => import('#controllers/auth/forgot_password_controller')
const PasswordLinkController = () => import('#controllers/auth/password_link_controller')

/**
 * The two staff doors: an ente's (operators, managers, ente admins) and
 * the platform's (platform admins), each with login, "Hai dimenticato la
 * password?" and the page of the password links sent by e-mail.
 */
router
  .group(() => {
    router.get('/login', [OperatorSessionController, 'create']).as('operator.login')
    router.post('/login', [OperatorSessionController, 'store'])
    router.post('/logout', [OperatorSessionController, 'destroy']).as('operator.logout')
    router
      .get('/password-dimenticata', [ForgotPasswordController, 'create'])
      .as('operator.password.forgot')
    router.post('/password-dimenticata', [ForgotPasswordController, 'store'])
    router
      .get('/password/:passwordToken', [PasswordLinkController, 'show'])
      .as('operator.password.link')
    router.post('/password/:passwordToken', [PasswordLinkController, 'update'])
  })
  .prefix('/:ente/operatori')
  .use(middleware.ente())

router
  .group(() => {
    router.get('/login', [AdminSessionController, 'create']).as('admin.login')
    router.post('/login', [AdminSessionController, 'store'])
    router.post('/logout', [AdminSessionController, 'destroy']).as('admin.logout')
    router
      .get('/password-dimenticata', [ForgotPasswordController, 'create'])
      .as('admin.password.forgot')
    router.post('/password-dimenticata', [ForgotPasswordController, 'store'])
    router
      .get('/password/:passwordToken', [PasswordLinkController, 'show'])
      .as('admin.password.link')
    router.post('/password/:passwordToken', [PasswordLinkController, 'update'])
  })
  .prefix('/admin')
