import edge from 'edge.js'
import type { AnyPluginManifest } from '#plugin_runtime/registry'
import { addPluginMigrationPath } from '#plugin_runtime/migration_paths'
import { registerPluginJobs } from '#plugin_runtime/plugin_jobs'

/**
 * What plugins bring besides their adapter, wired once at boot: Edge views
 * as `<id>::template`, Lucid migration folders, queue jobs. (Routes are
 * mounted by start/routes/plugins.ts, with the router.)
 */
export function wirePluginExtras(appRoot: URL, manifests: AnyPluginManifest[]) {
  for (const manifest of manifests) {
    if (manifest.views) edge.mount(manifest.id, manifest.views)
    if (manifest.migrations) addPluginMigrationPath(appRoot, manifest.migrations)
  }
  registerPluginJobs(manifests)
}
