import type { PluginLoader } from '#plugin_runtime/registry'

export interface PluginsConfig {
  /**
   * Installed plugins, one lazy import per manifest module. Only what is
   * listed here can ever run: nothing is discovered from the file system.
   */
  installed: PluginLoader[]
}

export function definePluginsConfig(config: PluginsConfig): PluginsConfig {
  return config
}
