import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PraticheListController = () => import('#controllers/backoffice/pratiche_list_controller')
const PraticheExportController = () => import('#controllers/backoffice/pratiche_export_controller')
const IntegrationsController = () => import('#controllers/backoffice/integrations_controller')
const ForwardController = () => import('#controllers/backoffice/forward_controller')
const CreatePraticaController = () => import('#controllers/backoffice/create_pratica_controller')
const StatisticsController = () => import('#controllers/backoffice/statistics_controller')
const AuditController = () => import('#controllers/backoffice/audit_controller')
const PraticaController = () => import('#controllers/backoffice/pratica/pratica_controller')
const PraticaActionsController = () =>
  import('#controllers/backoffice/pratica/pratica_actions_controller')
const PraticaOutcomeController = () =>
  import('#controllers/backoffice/pratica/pratica_outcome_controller')
const PraticaMessagesController = () =>
  import('#controllers/backoffice/pratica/pratica_messages_controller')

/**
 * The ente admin's settings: the plugins, the audit log ("Registro delle
 * attività", with its CSV). Anyone else: 404.
 */
router
  .group(() => {
    router
      .get('/', ({ view }) =>
        view.render('pages/backoffice/settings/index', { title: 'Impostazioni' })
      )
      .as('backoffice.settings')
    router.get('/registro', [AuditController, 'index']).as('backoffice.audit')
    router.get('/registro/esporta', [AuditController, 'download']).as('backoffice.audit.export')
  })
  .prefix('/:ente/backoffice/impostazioni')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])

/**
 * The operators' backoffice of an ente. Every route sits behind `staff`,
 * which answers 404 to anyone outside this ente.
 */
router
  .group(() => {
    router.get('/', [PraticheListController, 'index']).as('backoffice.home')
    router.get('/statistiche', [StatisticsController, 'index']).as('backoffice.statistics')
    // before /pratiche/:pratica, which would take "esporta" for a pratica
    router
      .get('/pratiche/esporta', [PraticheExportController, 'download'])
      .as('backoffice.pratiche.export')
    // the integration cycle (app/services/backoffice/integrations/README.md)
    router
      .group(() => {
        router.get('/richiedi-integrazioni', [IntegrationsController, 'create']).as('create')
        router.post('/richiedi-integrazioni', [IntegrationsController, 'store']).as('store')
        router.get('/integrazioni', [IntegrationsController, 'show']).as('show')
        router.post('/integrazioni/accetta', [IntegrationsController, 'accept']).as('accept')
        router.post('/integrazioni/annulla', [IntegrationsController, 'cancel']).as('cancel')
      })
      .prefix('/pratiche/:pratica')
      .as('backoffice.integrations')
    // workflow "Inoltro" (app/services/backoffice/forward/README.md)
    router
      .get('/pratiche/:pratica/registra-esito', [ForwardController, 'create'])
      .as('backoffice.forward.outcome_form')
    router
      .post('/pratiche/:pratica/registra-esito', [ForwardController, 'store'])
      .as('backoffice.forward.outcome')
    // "Crea pratica" (app/services/backoffice/create_pratica/README.md)
    router
      .get('/servizi/:service/crea-pratica', [CreatePraticaController, 'index'])
      .as('backoffice.create_pratica.index')
    router
      .post('/servizi/:service/crea-pratica', [CreatePraticaController, 'start'])
      .as('backoffice.create_pratica.start')
    router
      .group(() => {
        router.get('/', [CreatePraticaController, 'compile']).as('compile')
        router.post('/', [CreatePraticaController, 'save']).as('save')
        router.get('/riepilogo', [CreatePraticaController, 'summary']).as('summary')
        router.post('/invia', [CreatePraticaController, 'submit']).as('submit')
      })
      .prefix('/crea-pratica/:pratica')
      .as('backoffice.create_pratica')
    // the operator's pratica page (app/services/backoffice/pratica/README.md)
    router
      .group(() => {
        router.get('/', [PraticaController, 'show']).as('show')
        router.get('/allegati/:upload', [PraticaController, 'attachment']).as('attachment')
        router.get('/documenti/:document', [PraticaController, 'document']).as('document')
        router.post('/prendi-in-carico', [PraticaActionsController, 'takeCharge']).as('take_charge')
        router.post('/subentra', [PraticaActionsController, 'takeOver']).as('take_over')
        router.post('/assegna', [PraticaActionsController, 'assign']).as('assign')
        router.post('/priorita', [PraticaActionsController, 'priority']).as('priority')
        router.post('/stato', [PraticaActionsController, 'status']).as('status')
        router.get('/approva', [PraticaOutcomeController, 'create']).as('approve_form')
        router.post('/approva', [PraticaOutcomeController, 'store']).as('approve')
        router.get('/rigetta', [PraticaOutcomeController, 'create']).as('reject_form')
        router.post('/rigetta', [PraticaOutcomeController, 'store']).as('reject')
        router.post('/messaggi', [PraticaMessagesController, 'store']).as('messages')
      })
      .prefix('/pratiche/:pratica')
      .as('backoffice.pratica')
  })
  .prefix('/:ente/backoffice')
  .use([middleware.ente(), middleware.staff()])
