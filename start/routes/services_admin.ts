import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ServicesController = () => import('#controllers/backoffice/services/services_controller')
const GeneralController = () => import('#controllers/backoffice/services/general_controller')
const SchedaController = () => import('#controllers/backoffice/services/scheda_controller')
const FormController = () => import('#controllers/backoffice/services/form_controller')
const FormTranslationsController = () =>
  import('#controllers/backoffice/services/form_translations_controller')
const MessagesController = () => import('#controllers/backoffice/services/messages_controller')
const ReceiptController = () => import('#controllers/backoffice/services/receipt_controller')
const SettingsController = () => import('#controllers/backoffice/services/settings_controller')

/**
 * The backoffice's "Servizi": every staff member sees the list (the ente
 * admin all services, the others those they are enabled for).
 */
router
  .get('/:ente/backoffice/servizi', [ServicesController, 'index'])
  .as('backoffice.services.index')
  .use([middleware.ente(), middleware.staff()])

/**
 * "Crea servizio" and "Modifica servizio" with its tabs: the ente admin
 * only (others get 404). `:service` is the service id, checked against the
 * ente by the controllers (404 otherwise); no number matcher, so an id of
 * another ente and a nonsense one get the same answer.
 */
router
  .group(() => {
    router.get('/nuovo', [ServicesController, 'create']).as('create')
    router.post('/', [ServicesController, 'store']).as('store')
    router.get('/:service/dati-generali', [GeneralController, 'edit']).as('general')
    router.put('/:service/dati-generali', [GeneralController, 'update']).as('general.update')
    router.get('/:service/scheda', [SchedaController, 'edit']).as('scheda')
    router.put('/:service/scheda', [SchedaController, 'update']).as('scheda.update')
    router
      .post('/:service/scheda/condizioni', [SchedaController, 'uploadConditions'])
      .as('conditions.upload')
    router
      .delete('/:service/scheda/condizioni', [SchedaController, 'removeConditions'])
      .as('conditions.remove')
    router.get('/:service/modulo', [FormController, 'edit']).as('form')
    router.post('/:service/modulo', [FormController, 'save']).as('form.save')
    router.post('/:service/modulo/anteprima', [FormController, 'preview']).as('form.preview')
    router.post('/:service/modulo/importa', [FormController, 'import']).as('form.import')
    router
      .get('/:service/traduzioni-modulo', [FormTranslationsController, 'edit'])
      .as('translations')
    router
      .put('/:service/traduzioni-modulo', [FormTranslationsController, 'update'])
      .as('translations.update')
    router.get('/:service/messaggi', [MessagesController, 'edit']).as('messages')
    router.put('/:service/messaggi', [MessagesController, 'update']).as('messages.update')
    router
      .post('/:service/messaggi/anteprima', [MessagesController, 'preview'])
      .as('messages.preview')
    router.get('/:service/ricevuta', [ReceiptController, 'edit']).as('receipt')
    router.put('/:service/ricevuta', [ReceiptController, 'update']).as('receipt.update')
    router
      .post('/:service/ricevuta/anteprima', [ReceiptController, 'preview'])
      .as('receipt.preview')
    router
      .get('/:service/integrazioni', [SettingsController, 'editIntegrations'])
      .as('integrations')
    router
      .put('/:service/integrazioni', [SettingsController, 'updateIntegrations'])
      .as('integrations.update')
    router
      .get('/:service/impostazioni-avanzate', [SettingsController, 'editAdvanced'])
      .as('advanced')
    router
      .put('/:service/impostazioni-avanzate', [SettingsController, 'updateAdvanced'])
      .as('advanced.update')
  })
  .prefix('/:ente/backoffice/servizi')
  .as('backoffice.services')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])
