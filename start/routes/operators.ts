import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OperatorsController = () => import('#controllers/backoffice/operators_controller')
const OperatorActionsController = () =>
  import('#controllers/backoffice/operators/operator_actions_controller')

/**
 * The manual's "Operatori" page: managers and ente admins only (operators
 * get 404). `:operatorId` is checked against the ente by the controllers (404
 * otherwise); it has no number matcher on purpose, so an id of another
 * ente and a nonsense one get the same answers.
 */
router
  .group(() => {
    router.get('/', [OperatorsController, 'index']).as('backoffice.operators.index')
    router.get('/nuovo', [OperatorsController, 'create']).as('backoffice.operators.create')
    router.post('/', [OperatorsController, 'store']).as('backoffice.operators.store')
    router
      .get('/:operatorId/modifica', [OperatorsController, 'edit'])
      .as('backoffice.operators.edit')
    router.put('/:operatorId', [OperatorsController, 'update']).as('backoffice.operators.update')
    router
      .get('/:operatorId/elimina', [OperatorsController, 'confirmDestroy'])
      .as('backoffice.operators.confirm_destroy')
    router
      .delete('/:operatorId', [OperatorsController, 'destroy'])
      .as('backoffice.operators.destroy')
    router
      .post('/:operatorId/reimposta-password', [OperatorActionsController, 'resetPassword'])
      .as('backoffice.operators.reset_password')
    router
      .post('/:operatorId/ruolo', [OperatorActionsController, 'role'])
      .as('backoffice.operators.role')
    router
      .post('/:operatorId/abilitato', [OperatorActionsController, 'enabled'])
      .as('backoffice.operators.enabled')
  })
  .prefix('/:ente/backoffice/operatori')
  .use([middleware.ente(), middleware.staff({ roles: ['manager', 'ente_admin'] })])
