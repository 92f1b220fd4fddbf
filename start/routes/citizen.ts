import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AccessController = () => import('#controllers/citizen/access_controller')
const DashboardController = () => import('#controllers/citizen/dashboard_controller')
const PraticheController = () => import('#controllers/citizen/pratiche_controller')
const PraticaMessagesController = () => import('#controllers/citizen/pratica_messages_controller')
const AttachmentsController = () => import('#controllers/citizen/attachments_controller')
const DocumentsController = () => import('#controllers/citizen/documents_controller')
const PaymentsController = () => import('#controllers/citizen/payments_controller')
const ApplicantPraticaController = () => import('#controllers/citizen/applicant_pratica_controller')

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
    router.get('/pratiche', [PraticheController, 'index']).as('citizen.pratiche')
    router.get('/pratiche/:pratica', [PraticheController, 'show']).as('citizen.pratiche.show')
    router
      .get('/pratiche/:pratica/elimina', [PraticheController, 'confirmDelete'])
      .as('citizen.pratiche.confirm_delete')
    router
      .post('/pratiche/:pratica/elimina', [PraticheController, 'destroy'])
      .as('citizen.pratiche.destroy')
    router
      .post('/pratiche/:pratica/messaggi', [PraticaMessagesController, 'store'])
      .as('citizen.pratiche.messages')
    router.get('/allegati', [AttachmentsController, 'index']).as('citizen.attachments')
    router
      .get('/allegati/:upload', [AttachmentsController, 'download'])
      .as('citizen.attachments.download')
    router.get('/documenti', [DocumentsController, 'index']).as('citizen.documents')
    router.get('/pagamenti', [PaymentsController, 'index']).as('citizen.payments')
  })
  .prefix('/:ente/area-personale')
  .use([middleware.ente(), middleware.citizen()])

/**
 * The login-free applicant's pratica page: the landing page of the signed
 * link (PRATICA_LINK_PATTERN) and, for the browser that opened it, the
 * pratica's downloads and messages.
 */
router
  .group(() => {
    router.get('/pratiche/:pratica', [ApplicantPraticaController, 'show']).as('applicant.pratica')
    router
      .post('/pratiche/:pratica/messaggi', [ApplicantPraticaController, 'message'])
      .as('applicant.pratica.messages')
    router
      .get('/pratiche/:pratica/allegati/:upload', [ApplicantPraticaController, 'download'])
      .as('applicant.pratica.attachment')
  })
  .prefix('/:ente')
  .use(middleware.ente())
