import type { ApplicationService } from '@adonisjs/core/types'
import { PluginRegistry } from '#plugin_runtime/registry'
import type { PluginsConfig } from '#plugin_runtime/plugins_config'

/**
 * Boots the plugin registry from config/plugins.ts: a malformed manifest
 * stops the app here with its problems listed. Then wires the views,
 * migrations and jobs of the allowed plugins; start/routes/plugins.ts
 * mounts their routes.
 */
export default class PluginProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton(
      PluginRegistry,
      () => new PluginRegistry({ production: this.app.inProduction })
    )
  }

  async boot() {
    const registry = await this.app.container.make(PluginRegistry)
    await registry.load(this.app.config.get<PluginsConfig>('plugins').installed)
    // imported here: they load models and services, which need a booted app
    const { wirePluginExtras } = await import('#plugin_runtime/plugin_extras')
    wirePluginExtras(this.app.appRoot, registry.allowed())
  }
}
