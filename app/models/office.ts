import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import type { OpeningHours } from '#domain/opening_hours'

/**
 * An office (ufficio) of the ente: where a service is handled and where
 * operators belong.
 */
export default class Office extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare description: string | null

  @column()
  declare address: string | null

  @column()
  declare postalCode: string | null

  @column()
  declare city: string | null

  @column()
  declare email: string | null

  @column()
  declare pec: string | null

  @column()
  declare phone: string | null

  @jsonColumn()
  declare openingHours: OpeningHours

  @column()
  declare openingNotes: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
