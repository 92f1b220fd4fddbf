import { fileURLToPath } from 'node:url'
import { relative } from 'node:path'

/**
 * Migration folders of the allowed plugins, relative to the app root (Lucid
 * names migrations after these paths, so they must not depend on where the
 * app is checked out). config/database.ts reads this list lazily: config
 * files load before providers, and the plugin provider fills it at boot.
 *
 * Kept free of app imports so config/database.ts can import it.
 */
export const pluginMigrationPaths: string[] = []

export function addPluginMigrationPath(appRoot: URL, folder: URL) {
  const path = relative(fileURLToPath(appRoot), fileURLToPath(folder)).split('\\').join('/')
  if (!pluginMigrationPaths.includes(path)) {
    pluginMigrationPaths.push(path)
  }
}
