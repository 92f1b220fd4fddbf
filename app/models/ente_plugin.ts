import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'

export type HealthStatus = 'ok' | 'error'

/**
 * A plugin as one ente has it: in its contract, enabled, configured.
 * `secrets` is ciphertext (encryption service); read it through
 * app/plugin_runtime/tenant_plugins.ts only.
 */
export default class EntePlugin extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare pluginId: string

  // SQLite returns booleans as 0/1
  @column({ consume: Boolean })
  declare inContract: boolean

  @column({ consume: Boolean })
  declare enabled: boolean

  @jsonColumn()
  declare config: Record<string, unknown>

  @column({ serializeAs: null })
  declare secrets: string | null

  @column()
  declare configVersion: number

  @column()
  declare healthStatus: HealthStatus | null

  @column()
  declare healthMessage: string | null

  @column.dateTime()
  declare healthCheckedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
