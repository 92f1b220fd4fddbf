import Ente from '#models/ente'
import { jobRegistry } from '#queue/job_registry'
import type { AnyPluginManifest } from '#plugin_runtime/registry'
import { createPointManager } from '#plugin_runtime/point_manager'

/**
 * A plugin's jobs join the platform queue as `<plugin id>.<job>`. Their
 * payload names the ente (`enteId`); the handler resolves that ente's
 * adapter and context at run time, so a job queued before a configuration
 * change runs with the new configuration.
 */
export function registerPluginJobs(manifests: AnyPluginManifest[]) {
  for (const manifest of manifests) {
    const manager = createPointManager<unknown>(manifest.point)
    for (const [name, job] of Object.entries(manifest.jobs ?? {})) {
      jobRegistry.register(`${manifest.id}.${name}`, async (payload: Record<string, unknown>) => {
        const enteId = Number(payload.enteId)
        const ente = Number.isInteger(enteId) ? await Ente.find(enteId) : null
        if (!ente) {
          throw new Error(`Job ${manifest.id}.${name}: no ente with id ${String(payload.enteId)}`)
        }
        const active = await manager.forEnte(ente, manifest.id)
        await job({ payload, adapter: active.adapter, context: active.context })
      })
    }
  }
}
