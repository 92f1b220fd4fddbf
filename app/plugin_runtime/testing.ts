import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugin_runtime/registry'

/**
 * For tests: runs the app with exactly these plugins installed, through a
 * container swap, so services, controllers and point managers all see them.
 * Call `restore()` in the test's cleanup. Boot-time wiring (routes, views,
 * jobs) is not redone: mount those explicitly when a test needs them.
 */
export function useTestPlugins(manifests: unknown[], options = { production: false }) {
  const registry = new PluginRegistry(options)
  for (const manifest of manifests) {
    registry.register(manifest)
  }
  app.container.swap(PluginRegistry, () => registry)
  return { registry, restore: () => app.container.restore(PluginRegistry) }
}
