import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'

export type IdentitySource = 'spid' | 'cie' | 'operator' | 'anonymous'

/**
 * A person using the ente's services: one per (ente, codice fiscale),
 * however they first appeared.
 */
export default class Citizen extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fiscalCode: string

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column()
  declare email: string | null

  @column()
  declare mobilePhone: string | null

  @column()
  declare phone: string | null

  @column()
  declare identitySource: IdentitySource

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }
}
