/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#exceptions/handler'))

/**
 * Run on every request, even without a matching route.
 */
server.use([
  () => import('#middleware/container_bindings_middleware'),
  () => import('#middleware/host_mapping_middleware'),
  () => import('@adonisjs/static/static_middleware'),
])

/**
 * Run on every request with a matching route.
 */
router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/shield/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#middleware/detect_locale_middleware'),
])

export const middleware = router.named({
  ente: () => import('#middleware/resolve_ente_middleware'),
  staff: () => import('#middleware/staff_middleware'),
  citizen: () => import('#middleware/citizen_middleware'),
  platformAdmin: () => import('#middleware/platform_admin_middleware'),
  devOnly: () => import('#middleware/dev_only_middleware'),
})
