import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import type { ExtensionPoint, PluginContext } from '#plugin_runtime/define_plugin'
import type { AnyPluginManifest } from '#plugin_runtime/registry'
import { TenantPlugins, type TenantPlugin } from '#plugin_runtime/tenant_plugins'
import { buildPluginContext, toEnteInfo, type EnteRecord } from '#plugin_runtime/plugin_context'
import { AmbiguousPluginError, PluginNotEnabledError } from '#plugin_runtime/errors'

/** An enabled plugin of one ente, ready to use. */
export interface ActivePlugin<Adapter> {
  id: string
  manifest: AnyPluginManifest
  adapter: Adapter
  context: PluginContext<Record<string, unknown>>
}

export interface PointManager<Adapter> {
  readonly point: ExtensionPoint
  /**
   * The enabled plugin of this point for the ente (the given one, when
   * several may be enabled). Throws PluginNotEnabledError when there is
   * none, AmbiguousPluginError when several are enabled and no id is given.
   */
  forEnte(ente: EnteRecord, pluginId?: string): Promise<ActivePlugin<Adapter>>
  /**
   * Every enabled plugin of this point for the ente (identity, messaging).
   * One that cannot be built (e.g. its configuration became invalid) is
   * logged and left out, so it does not take the others down with it.
   */
  allForEnte(ente: EnteRecord): Promise<ActivePlugin<Adapter>[]>
}

interface CacheEntry {
  manifest: AnyPluginManifest
  /** config_version plus the ente data the context carries */
  fingerprint: string
  active: Promise<ActivePlugin<unknown>>
}

/**
 * One manager per point, shared by whoever asks (the point's manager.ts,
 * plugin routes, plugin jobs), so an adapter is built once per ente.
 */
const managers = new Map<ExtensionPoint, PointManager<unknown>>()

export function createPointManager<Adapter>(point: ExtensionPoint): PointManager<Adapter> {
  let manager = managers.get(point)
  if (!manager) {
    manager = buildPointManager(point)
    managers.set(point, manager)
  }
  return manager as PointManager<Adapter>
}

function buildPointManager(point: ExtensionPoint): PointManager<unknown> {
  // key: `${ente id}:${plugin id}`; an entry is reused only for the same
  // manifest, config version and ente data, otherwise rebuilt
  const cache = new Map<string, CacheEntry>()

  async function activate(
    settings: TenantPlugins,
    ente: EnteRecord,
    plugin: TenantPlugin
  ): Promise<ActivePlugin<unknown>> {
    const info = toEnteInfo(ente)
    const key = `${ente.id}:${plugin.manifest.id}`
    const fingerprint = `${plugin.row.configVersion}|${JSON.stringify(info)}`
    const cached = cache.get(key)
    if (cached && cached.manifest === plugin.manifest && cached.fingerprint === fingerprint) {
      return cached.active
    }

    const active = (async () => {
      const config = await settings.effectiveConfig(ente, plugin)
      const context = buildPluginContext(plugin.manifest, info, config)
      const adapter = await plugin.manifest.create(context)
      return { id: plugin.manifest.id, manifest: plugin.manifest, adapter, context }
    })()
    cache.set(key, { manifest: plugin.manifest, fingerprint, active })
    // a failed build is not cached: the next call tries again
    active.catch(() => {
      if (cache.get(key)?.active === active) cache.delete(key)
    })
    return active
  }

  return {
    point,

    async forEnte(ente, pluginId) {
      const settings = await app.container.make(TenantPlugins)
      const enabled = await settings.enabledOf(ente, point)
      const candidates = pluginId
        ? enabled.filter((plugin) => plugin.manifest.id === pluginId)
        : enabled
      if (candidates.length === 0) throw new PluginNotEnabledError(point, ente.slug, pluginId)
      if (candidates.length > 1) {
        throw new AmbiguousPluginError(
          point,
          ente.slug,
          candidates.map((plugin) => plugin.manifest.id)
        )
      }
      return activate(settings, ente, candidates[0])
    },

    async allForEnte(ente) {
      const settings = await app.container.make(TenantPlugins)
      const enabled = await settings.enabledOf(ente, point)
      const results = await Promise.allSettled(
        enabled.map((plugin) => activate(settings, ente, plugin))
      )
      return results.flatMap((result, index) => {
        if (result.status === 'fulfilled') return [result.value]
        logger.error(
          { err: result.reason, plugin: enabled[index].manifest.id, ente: ente.slug },
          'plugin skipped: its adapter cannot be built'
        )
        return []
      })
    },
  }
}
