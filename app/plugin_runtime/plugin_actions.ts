import NotFoundException from '#exceptions/not_found_exception'
import type { PluginActionResult } from '#plugin_runtime/define_plugin'
import type { EnteRecord } from '#plugin_runtime/plugin_context'
import { createPointManager } from '#plugin_runtime/point_manager'
import { PluginNotEnabledError } from '#plugin_runtime/errors'
import type { AnyPluginManifest } from '#plugin_runtime/registry'

/** The actions a manifest declares, as the plugin page lists them. */
export function pluginActions(manifest: AnyPluginManifest) {
  return Object.entries(manifest.actions ?? {}).map(([name, action]) => ({
    name,
    label: (action as { label: string }).label,
  }))
}

/**
 * Runs one of a plugin's actions for an ente, with the plugin's cached
 * adapter and context (the plugin must be enabled). An unknown action is a
 * 404; a thrown error becomes a failed result, so the admin reads why.
 */
export async function runPluginAction(
  ente: EnteRecord,
  manifest: AnyPluginManifest,
  name: string
): Promise<PluginActionResult> {
  const action = Object.hasOwn(manifest.actions ?? {}, name) ? manifest.actions![name] : undefined
  if (!action) throw new NotFoundException()
  try {
    const active = await createPointManager<unknown>(manifest.point).forEnte(ente, manifest.id)
    return await action.run(active.context, active.adapter)
  } catch (error) {
    if (error instanceof PluginNotEnabledError) {
      return { ok: false, message: 'Abilitare e salvare il plugin prima di usare questa azione.' }
    }
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, message: `L’azione non è riuscita: ${message}` }
  }
}
