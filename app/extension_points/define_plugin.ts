/**
 * What a plugin may use from the plugin runtime. Plugins import only
 * `#extension_points/*` (and npm packages), so the runtime can change inside
 * without breaking them.
 */
export { definePlugin, EXTENSION_POINTS } from '#plugin_runtime/define_plugin'
export type {
  EnteInfo,
  ExtensionPoint,
  HealthCheckResult,
  PluginContext,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginJob,
  PluginManifest,
  PluginRoute,
  PluginRouteHandler,
} from '#plugin_runtime/define_plugin'
