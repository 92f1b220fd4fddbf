import { DateTime } from 'luxon'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { errors as vineErrors } from '@vinejs/vine'
import EntePlugin from '#models/ente_plugin'
import NotFoundException from '#exceptions/not_found_exception'
import type { ExtensionPoint, HealthCheckResult } from '#plugin_runtime/define_plugin'
import { PluginRegistry, type AnyPluginManifest } from '#plugin_runtime/registry'
import { PluginConfigInvalidError } from '#plugin_runtime/errors'
import { openSecrets, sealSecrets } from '#plugin_runtime/plugin_secrets'
import { validatePluginConfig } from '#plugin_runtime/config_validation'
import {
  configFromForm,
  splitSecrets,
  storedConfig,
  withoutSecrets,
} from '#plugin_runtime/config_values'
import { buildPluginContext, toEnteInfo, type EnteRecord } from '#plugin_runtime/plugin_context'
import { runHealthCheck } from '#plugin_runtime/health_check'
import { allowsSeveralEnabled, POINT_LABELS } from '#plugin_runtime/points'

/** A plugin as one ente has it: its manifest and its ente_plugins row. */
export interface TenantPlugin {
  manifest: AnyPluginManifest
  row: EntePlugin
}

export interface PluginChange {
  enabled: boolean
  /** the form's `config[...]` inputs, validated here with the plugin's schema */
  config: unknown
}

/**
 * The third switch: what each ente enabled, with which configuration.
 * Every read starts from the allowed plugins, so a plugin that is not
 * installed or not allowed here is invisible even if rows remain.
 * Secrets go in and out only through this class.
 */
@inject()
export class TenantPlugins {
  constructor(protected registry: PluginRegistry) {}

  /** The plugins the ente's contract includes (the ente admin's list). */
  async inContract(ente: EnteRecord): Promise<TenantPlugin[]> {
    const rows = await EntePlugin.forEnte(ente).where('in_contract', true)
    return this.#pair(this.registry.allowed(), rows)
  }

  async findInContract(ente: EnteRecord, pluginId: string): Promise<TenantPlugin | null> {
    const manifest = this.registry.findAllowed(pluginId)
    if (!manifest) return null
    const row = await EntePlugin.forEnte(ente)
      .where('plugin_id', pluginId)
      .where('in_contract', true)
      .first()
    return row ? { manifest, row } : null
  }

  /** The enabled plugins of one point, in installation order. */
  /** `client`: the caller's transaction (SQLite has one connection: a query outside it would wait for it). */
  async enabledOf(
    ente: EnteRecord,
    point: ExtensionPoint,
    client?: TransactionClientContract
  ): Promise<TenantPlugin[]> {
    const manifests = this.registry.allowed(point)
    if (manifests.length === 0) return []
    const rows = await EntePlugin.forEnte(ente)
      .if(client, (query) => query.useTransaction(client!))
      .where('in_contract', true)
      .where('enabled', true)
      .whereIn(
        'plugin_id',
        manifests.map((manifest) => manifest.id)
      )
    return this.#pair(manifests, rows)
  }

  /** What the settings form shows: saved plain values and which secrets are set. */
  formState({ manifest, row }: TenantPlugin) {
    const secrets = openSecrets(row.secrets, row.enteId, manifest.id) ?? {}
    return {
      values: withoutSecrets(manifest.config, storedConfig(manifest.config, row.config, {})),
      secretsSet: Object.keys(secrets),
    }
  }

  /**
   * The ente admin saves the form: validates with the plugin's schema
   * (throws VineJS's E_VALIDATION_ERROR, field names as in the schema),
   * seals the secrets, bumps config_version so cached adapters are rebuilt,
   * then checks the connection and records the result.
   */
  async configure(ente: EnteRecord, pluginId: string, change: PluginChange) {
    const plugin = await this.findInContract(ente, pluginId)
    if (!plugin) throw new NotFoundException()
    const { manifest } = plugin

    const { row, validated } = await db.transaction(async (trx) => {
      // locked so two saves cannot produce the same config_version
      const locked = await EntePlugin.query({ client: trx })
        .where('id', plugin.row.id)
        .forUpdate()
        .firstOrFail()
      const saved = openSecrets(locked.secrets, ente.id, pluginId) ?? {}
      const config = await validatePluginConfig(
        manifest.config,
        configFromForm(manifest.config, change.config, saved)
      )
      if (change.enabled && !allowsSeveralEnabled(manifest.point)) {
        await this.#assertNoOtherEnabled(ente, manifest, trx)
      }
      const stored = splitSecrets(manifest.config, config)
      locked.merge({
        enabled: change.enabled,
        config: stored.config,
        secrets: sealSecrets(stored.secrets, ente.id, pluginId),
        configVersion: locked.configVersion + 1,
      })
      await locked.useTransaction(trx).save()
      return { row: locked, validated: config }
    })

    const health = await runHealthCheck(
      manifest,
      buildPluginContext(manifest, toEnteInfo(ente), validated)
    )
    await this.#recordHealth(row, health)
    return { manifest, row, health }
  }

  /**
   * The configuration a plugin runs with: stored values and decrypted
   * secrets, validated again, since the plugin may have changed since the
   * save (a new required field): then the admin must save again.
   */
  async effectiveConfig(ente: EnteRecord, { manifest, row }: TenantPlugin) {
    const secrets = openSecrets(row.secrets, ente.id, manifest.id)
    if (secrets === null) {
      throw new PluginConfigInvalidError(manifest.id, ente.slug, ['secrets (unreadable)'])
    }
    try {
      return await validatePluginConfig(
        manifest.config,
        storedConfig(manifest.config, row.config, secrets)
      )
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        const fields = (error.messages as Array<{ field: string }>).map((message) => message.field)
        throw new PluginConfigInvalidError(manifest.id, ente.slug, fields)
      }
      throw error
    }
  }

  async #assertNoOtherEnabled(
    ente: EnteRecord,
    manifest: AnyPluginManifest,
    trx: TransactionClientContract
  ) {
    const others = this.registry.allowed(manifest.point).filter((other) => other !== manifest)
    if (others.length === 0) return
    const enabled = await EntePlugin.query({ client: trx })
      .where('ente_id', ente.id)
      .where('enabled', true)
      .whereIn(
        'plugin_id',
        others.map((other) => other.id)
      )
      .first()
    if (enabled) {
      const other = others.find((candidate) => candidate.id === enabled.pluginId)!
      throw new vineErrors.E_VALIDATION_ERROR([
        {
          field: 'enabled',
          rule: 'singleEnabled',
          message:
            `Per ${POINT_LABELS[manifest.point]} è già abilitato "${other.name}": ` +
            'disabilitarlo prima di abilitare questo plugin',
        },
      ])
    }
  }

  async #recordHealth(row: EntePlugin, health: HealthCheckResult) {
    row.merge({
      healthStatus: health.ok ? 'ok' : 'error',
      healthMessage: health.message ?? null,
      healthCheckedAt: DateTime.now(),
    })
    await row.save()
  }

  #pair(manifests: AnyPluginManifest[], rows: EntePlugin[]): TenantPlugin[] {
    return manifests.flatMap((manifest) => {
      const row = rows.find((candidate) => candidate.pluginId === manifest.id)
      return row ? [{ manifest, row }] : []
    })
  }
}
