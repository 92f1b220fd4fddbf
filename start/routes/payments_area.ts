import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PaymentSettingsController = () =>
  import('#controllers/backoffice/services/payment_settings_controller')

/**
 * "Pagamenti" and "Bolli" of "Modifica servizio": the ente admin only, the
 * service checked against the ente by the controller (404 otherwise).
 */
router
  .group(() => {
    router.get('/:service/pagamenti', [PaymentSettingsController, 'editPayments']).as('payments')
    router
      .put('/:service/pagamenti', [PaymentSettingsController, 'updatePayments'])
      .as('payments.update')
    router.get('/:service/bolli', [PaymentSettingsController, 'editStamps']).as('stamps')
    router.put('/:service/bolli', [PaymentSettingsController, 'updateStamps']).as('stamps.update')
  })
  .prefix('/:ente/backoffice/servizi')
  .as('backoffice.services')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])
