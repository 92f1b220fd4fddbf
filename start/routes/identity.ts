import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { IDENTITY_PATHS } from '#extension_points/identity/contract'
import { markCsrfExempt } from '#plugin_runtime/plugin_routes'

const LoginController = () => import('#controllers/identity/login_controller')
const LogoutController = () => import('#controllers/identity/logout_controller')
const MetadataController = () => import('#controllers/identity/metadata_controller')
const ServiceDoorController = () => import('#controllers/identity/service_door_controller')

/**
 * The core side of every identity plugin, for the plugins the ente has
 * enabled (any other id answers 404): start a login, the IdP's answers
 * (ACS and SLO: posted by the IdP's page, so exempt from CSRF and verified
 * by the plugin against a pending request instead), the SP metadata. A
 * plugin's own extra routes are mounted under the same prefix by the
 * plugin runtime and must not use these paths.
 */
router
  .group(() => {
    router.get('/login', [LoginController, 'start']).as('identity.login')
    markCsrfExempt(
      router
        .route(IDENTITY_PATHS.login, ['GET', 'POST'], [LoginController, 'callback'])
        .as('identity.acs')
    )
    markCsrfExempt(
      router
        .route(IDENTITY_PATHS.logout, ['GET', 'POST'], [LogoutController, 'callback'])
        .as('identity.slo')
    )
    router.get(IDENTITY_PATHS.metadata, [MetadataController, 'show']).as('identity.metadata')
  })
  .prefix('/:ente/auth/:pluginId')
  .use(middleware.ente())

/**
 * A service's door: checks the session's authentication level against the
 * service's minimum, then goes on to the service's form.
 */
router
  .get('/:ente/servizi/:slug/accedi', [ServiceDoorController, 'show'])
  .as('identity.service_door')
  .use(middleware.ente())
