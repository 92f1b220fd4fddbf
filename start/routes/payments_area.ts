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

const PaymentsController = () => import('#controllers/citizen/payments_controller')

/**
 * "Pagamenti" of the personal area (the list itself is in citizen.ts): the
 * cart, "Paga online"/"Paga ora", the outcome, the avviso and the receipt
 * of the citizen's own positions (404 for anything else).
 */
router
  .group(() => {
    router.post('/carrello', [PaymentsController, 'addToCart']).as('cart.add')
    router.post('/carrello/rimuovi', [PaymentsController, 'removeFromCart']).as('cart.remove')
    router.post('/paga', [PaymentsController, 'pay']).as('pay')
    router.get('/esito', [PaymentsController, 'outcome']).as('outcome')
    router.get('/:position/avviso', [PaymentsController, 'notice']).as('notice')
    router.get('/:position/ricevuta', [PaymentsController, 'receipt']).as('receipt')
  })
  .prefix('/:ente/area-personale/pagamenti')
  .as('citizen.payments')
  .use([middleware.ente(), middleware.citizen()])

const PraticaPaymentsController = () =>
  import('#controllers/backoffice/payments/pratica_payments_controller')
const DeferredPaymentsController = () =>
  import('#controllers/backoffice/payments/deferred_payments_controller')
const StampsRequestController = () =>
  import('#controllers/backoffice/payments/stamps_request_controller')
const StampsController = () => import('#controllers/citizen/stamps_controller')

/** The payments of a pratica in the backoffice (scoped as the pratica page: 404 otherwise). */
router
  .group(() => {
    router.get('/registra-pagamento', [PraticaPaymentsController, 'registerForm']).as('register')
    router.post('/registra-pagamento', [PraticaPaymentsController, 'register']).as('register.store')
    router
      .get('/pagamenti/:position/ricevuta', [PraticaPaymentsController, 'receipt'])
      .as('receipt')
    router.get('/pagamento-posticipato', [DeferredPaymentsController, 'create']).as('deferred')
    router
      .post('/pagamento-posticipato', [DeferredPaymentsController, 'store'])
      .as('deferred.store')
    router.get('/marche-da-bollo', [StampsRequestController, 'create']).as('stamps')
    router.post('/marche-da-bollo', [StampsRequestController, 'store']).as('stamps.store')
  })
  .prefix('/:ente/backoffice/pratiche/:pratica')
  .as('backoffice.pratica.payments')
  .use([middleware.ente(), middleware.staff()])

/** The citizen enters, or pays as a digital one, a marca da bollo of their own pratica (404 for anything else). */
router
  .group(() => {
    router.post('/:stamp', [StampsController, 'enter']).as('enter')
    router.post('/:stamp/digitale', [StampsController, 'digital']).as('digital')
  })
  .prefix('/:ente/area-personale/pratiche/:pratica/bolli')
  .as('citizen.pratiche.stamps')
  .use([middleware.ente(), middleware.citizen()])
