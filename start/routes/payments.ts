import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { markCsrfExempt } from '#plugin_runtime/plugin_routes'
import { shareCitizen } from '#start/routes/pratiche'

const PraticaPaymentController = () => import('#controllers/payments/pratica_payment_controller')
const NotificationController = () => import('#controllers/payments/notification_controller')
const ReconciliationController = () => import('#controllers/payments/reconciliation_controller')

/**
 * A pratica's payment step beyond its page (GET /pratiche/:pratica/pagamento,
 * start/routes/pratiche.ts): "Paga online", the landing page after the
 * checkout and its status, the avviso PDF, "Riprova". Open to whoever may
 * open the pratica (app/services/pratiche/pratica_access.ts).
 */
router
  .group(() => {
    router
      .post('/pratiche/:pratica/pagamento/online', [PraticaPaymentController, 'online'])
      .as('payments.online')
    router
      .get('/pratiche/:pratica/pagamento/esito', [PraticaPaymentController, 'landing'])
      .as('payments.landing')
    router
      .get('/pratiche/:pratica/pagamento/stato', [PraticaPaymentController, 'status'])
      .as('payments.status')
    router
      .get('/pratiche/:pratica/pagamento/avvisi/:position', [PraticaPaymentController, 'notice'])
      .as('payments.notice')
    router
      .post('/pratiche/:pratica/pagamento/riprova', [PraticaPaymentController, 'retry'])
      .as('payments.retry')
  })
  .prefix('/:ente')
  .use([middleware.ente(), shareCitizen])

/** The intermediaries' notifications (PAYMENT_PATHS.notification), verified by the adapter, not CSRF. */
const notify = router
  .post('/:ente/callbacks/:plugin/notify', [NotificationController, 'store'])
  .use(middleware.ente())
  .as('payments.notify')
markCsrfExempt(notify)

/** Ente admin: Impostazioni → "Riconciliazione pagamenti". */
router
  .group(() => {
    router.get('/', [ReconciliationController, 'index']).as('payments.reconciliation')
    router
      .post('/:position/riprova-creazione', [ReconciliationController, 'retry'])
      .as('payments.retry_creation')
  })
  .prefix('/:ente/backoffice/impostazioni/riconciliazione-pagamenti')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])
