import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import EntePlugin from '#models/ente_plugin'
import { PluginRegistry, type AnyPluginManifest } from '#plugin_runtime/registry'
import type { EnteRef } from '#models/mixins/tenant_owned'

export interface ContractLine {
  manifest: AnyPluginManifest
  inContract: boolean
  enabled: boolean
}

/**
 * The platform admin's side of the third switch: which of the allowed
 * plugins an ente's contract includes. The ente admin can enable only
 * those; taking a plugin out of the contract disables it (its saved
 * configuration stays, for when it comes back).
 */
@inject()
export class PluginContracts {
  constructor(protected registry: PluginRegistry) {}

  /** The plugins a contract may include. */
  offered(): AnyPluginManifest[] {
    return this.registry.allowed()
  }

  async of(ente: EnteRef): Promise<ContractLine[]> {
    const rows = await EntePlugin.forEnte(ente)
    return this.offered().map((manifest) => {
      const row = rows.find((candidate) => candidate.pluginId === manifest.id)
      return { manifest, inContract: !!row?.inContract, enabled: !!row?.enabled }
    })
  }

  /** Sets the contract to exactly `pluginIds` among the offered plugins. */
  async set(ente: EnteRef, pluginIds: string[]) {
    await db.transaction(async (trx) => {
      const rows = await EntePlugin.query({ client: trx }).where('ente_id', ente.id).forUpdate()
      for (const manifest of this.offered()) {
        const include = pluginIds.includes(manifest.id)
        const row = rows.find((candidate) => candidate.pluginId === manifest.id)
        if (!row) {
          if (include) {
            await EntePlugin.create(
              { enteId: ente.id, pluginId: manifest.id, inContract: true, config: {} },
              { client: trx }
            )
          }
          continue
        }
        if (row.inContract === include) continue
        // a change of what may run is a configuration change: cached adapters go
        row.merge({
          inContract: include,
          enabled: include && row.enabled,
          configVersion: row.configVersion + 1,
        })
        await row.useTransaction(trx).save()
      }
    })
  }
}
