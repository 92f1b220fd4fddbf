import { Exception } from '@adonisjs/core/exceptions'
import type { ExtensionPoint } from '#plugin_runtime/define_plugin'

/**
 * A manifest listed in config/plugins.ts is malformed. Thrown at boot, so
 * a broken plugin stops the app with every problem listed at once.
 */
export class PluginManifestError extends Error {
  constructor(
    readonly pluginId: string,
    readonly problems: string[]
  ) {
    super(`Invalid plugin manifest "${pluginId}":\n  - ${problems.join('\n  - ')}`)
    this.name = 'PluginManifestError'
  }
}

/**
 * No enabled plugin of this point for the ente (or not the one asked for).
 * Callers decide what the user sees: plugin routes answer 404.
 */
export class PluginNotEnabledError extends Exception {
  static code = 'E_PLUGIN_NOT_ENABLED'

  constructor(
    readonly point: ExtensionPoint,
    readonly enteSlug: string,
    readonly pluginId?: string
  ) {
    super(
      pluginId
        ? `Plugin "${pluginId}" (${point}) is not enabled for ente "${enteSlug}"`
        : `No ${point} plugin is enabled for ente "${enteSlug}"`
    )
  }
}

/** Several plugins of a point are enabled and the caller did not say which. */
export class AmbiguousPluginError extends Exception {
  static code = 'E_PLUGIN_AMBIGUOUS'

  constructor(
    readonly point: ExtensionPoint,
    readonly enteSlug: string,
    readonly pluginIds: string[]
  ) {
    super(
      `Ente "${enteSlug}" has several ${point} plugins enabled (${pluginIds.join(', ')}): ` +
        'pass the plugin id'
    )
  }
}

/**
 * The stored configuration no longer satisfies the plugin's schema (the
 * plugin gained a required field, or the secrets cannot be decrypted):
 * the ente admin must save the configuration again.
 */
export class PluginConfigInvalidError extends Exception {
  static code = 'E_PLUGIN_CONFIG_INVALID'

  constructor(
    readonly pluginId: string,
    readonly enteSlug: string,
    readonly fields: string[]
  ) {
    super(
      `The configuration of plugin "${pluginId}" for ente "${enteSlug}" is invalid ` +
        `(${fields.join(', ')}): save it again in the backoffice`
    )
  }
}
