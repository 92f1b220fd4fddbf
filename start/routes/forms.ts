import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FormPreviewController = () => import('#controllers/forms/form_preview_controller')
const FormAssetsController = () => import('#controllers/forms/form_assets_controller')

/**
 * The form engine's rule modules for the browser (whitelisted, see the controller).
 */
router.get('/assets/domain/*', [FormAssetsController, 'show']).as('assets.domain')

/**
 * Staff preview of a service's form, fully validated: ente admins and managers.
 */
router
  .group(() => {
    router.get('/', [FormPreviewController, 'show']).as('forms.preview')
    router.post('/', [FormPreviewController, 'submit']).as('forms.preview.submit')
  })
  .prefix('/:ente/servizi/:slug/anteprima-modulo')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin', 'manager'] })])
