import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import type { EnteInfo, ExtensionPoint, PluginContext } from '#plugin_runtime/define_plugin'

/** The ente fields a plugin may know (an Ente model satisfies it). */
export interface EnteRecord {
  id: number
  slug: string
  name: string
  codiceFiscale: string
  codiceIpa: string | null
}

/** Public origin of the platform, without trailing slash. */
export function platformOrigin() {
  const origin = env.get('APP_URL') || `http://localhost:${env.get('PORT')}`
  return origin.replace(/\/+$/, '')
}

export function toEnteInfo(ente: EnteRecord): EnteInfo {
  return {
    id: ente.id,
    slug: ente.slug,
    name: ente.name,
    codiceFiscale: ente.codiceFiscale,
    codiceIpa: ente.codiceIpa,
    baseUrl: `${platformOrigin()}/${ente.slug}`,
  }
}

/** Identity plugins live under the login paths, the others under callbacks. */
export function routeSegment(point: ExtensionPoint) {
  return point === 'identity' ? 'auth' : 'callbacks'
}

function withLeadingSlash(path: string) {
  return !path || path.startsWith('/') ? path : `/${path}`
}

export function buildPluginContext<Config>(
  plugin: { id: string; point: ExtensionPoint },
  ente: EnteInfo,
  config: Config
): PluginContext<Config> {
  return {
    pluginId: plugin.id,
    ente,
    config,
    logger: logger.child({ plugin: plugin.id, ente: ente.slug }),
    routeUrl: (path) =>
      `${ente.baseUrl}/${routeSegment(plugin.point)}/${plugin.id}${withLeadingSlash(path)}`,
    simulatorUrl: (path) => `${platformOrigin()}/_sim/${plugin.id}${withLeadingSlash(path)}`,
  }
}
