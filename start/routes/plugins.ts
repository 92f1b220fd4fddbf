import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { PluginRegistry } from '#plugin_runtime/registry'
import { mountPluginRoutes, mountPluginSimulators } from '#plugin_runtime/plugin_routes'

const PluginContractsController = () => import('#controllers/admin/plugin_contracts_controller')
const PluginSettingsController = () => import('#controllers/backoffice/plugin_settings_controller')
const PluginTestMessageController = () =>
  import('#controllers/backoffice/plugin_test_message_controller')

/**
 * Platform admin: which plugins each ente's contract includes.
 */
router
  .group(() => {
    router.get('/', [PluginContractsController, 'edit']).as('admin.plugins.edit')
    router.post('/', [PluginContractsController, 'update']).as('admin.plugins.update')
  })
  .prefix('/admin/enti/:id/plugin')
  .where('id', router.matchers.number())
  .use(middleware.platformAdmin())

/**
 * Ente admin: enables and configures the plugins of the contract.
 */
router
  .group(() => {
    router.get('/', [PluginSettingsController, 'index']).as('backoffice.plugins.index')
    router.get('/:pluginId', [PluginSettingsController, 'edit']).as('backoffice.plugins.edit')
    router.post('/:pluginId', [PluginSettingsController, 'update']).as('backoffice.plugins.update')
    router
      .post('/:pluginId/messaggio-di-prova', [PluginTestMessageController, 'store'])
      .as('backoffice.plugins.test_message')
    router
      .post('/:pluginId/azioni/:action', [PluginSettingsController, 'runAction'])
      .as('backoffice.plugins.action')
  })
  .prefix('/:ente/backoffice/impostazioni/plugin')
  .use([middleware.ente(), middleware.staff({ roles: ['ente_admin'] })])

/**
 * What the allowed plugins bring: their callback/login routes for every
 * ente and, outside production, the simulators of their remote systems.
 */
const registry = await app.container.make(PluginRegistry)
const allowed = registry.allowed()
mountPluginRoutes(router, allowed, middleware.ente())
if (!app.inProduction) {
  mountPluginSimulators(router, allowed)
}
