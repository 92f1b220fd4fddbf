import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { BaseModel, column, manyToMany } from '@adonisjs/lucid/orm'
import type { ManyToMany } from '@adonisjs/lucid/types/relations'
import { DbRememberMeTokensProvider } from '@adonisjs/auth/session'
import Service from '#models/service'
import Office from '#models/office'
import type { Role } from '#domain/roles'

/**
 * A staff account. Platform admins have no ente; everyone else belongs to
 * one and logs in at /{ente}/operatori/login. Usernames are unique per ente.
 */
export default class User extends BaseModel {
  static rememberMeTokens = DbRememberMeTokensProvider.forModel(User)

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare enteId: number | null

  @column()
  declare role: Role

  @column()
  declare username: string

  @column()
  declare email: string

  @column()
  declare firstName: string

  @column()
  declare lastName: string

  @column({ serializeAs: null })
  declare password: string | null

  /** The manual's "Abilitato": a disabled account cannot log in. */
  @column({ consume: Boolean })
  declare isEnabled: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  @manyToMany(() => Service, { pivotTable: 'operator_services' })
  declare services: ManyToMany<typeof Service>

  @manyToMany(() => Office, { pivotTable: 'operator_offices' })
  declare offices: ManyToMany<typeof Office>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get fullName() {
    return `${this.firstName} ${this.lastName}`
  }

  async setPassword(plain: string) {
    this.password = await hash.make(plain)
  }
}
