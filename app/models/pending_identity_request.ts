import type { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import { timeColumn } from '#queue/db_time'
import type { LoginLevel } from '#extension_points/identity/contract'

export type PendingIdentityKind = 'login' | 'logout'

/**
 * A login or logout waiting for the identity provider's answer. Read and
 * delete it through app/services/identity/pending_requests.ts, which hands
 * each one out once.
 */
export default class PendingIdentityRequest extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare pluginId: string

  @column()
  declare kind: PendingIdentityKind

  @column()
  declare requestId: string

  @column()
  declare relayState: string

  @column()
  declare level: LoginLevel | null

  @column()
  declare returnTo: string

  @jsonColumn()
  declare data: Record<string, unknown>

  @timeColumn()
  declare createdAt: DateTime

  @timeColumn()
  declare expiresAt: DateTime
}
