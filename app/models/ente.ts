import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/mixins/json_column'
import Service from '#models/service'
import Office from '#models/office'

export type { Language } from '#domain/languages'
import type { Language } from '#domain/languages'

/**
 * A public body using the platform (the tenant). Reached at /{slug}/ or on
 * its own `host`.
 */
export default class Ente extends BaseModel {
  static table = 'enti'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare slug: string

  @column()
  declare name: string

  @column()
  declare codiceFiscale: string

  @column()
  declare codiceIpa: string | null

  @column()
  declare host: string | null

  @column()
  declare logoPath: string | null

  @column()
  declare email: string | null

  @column()
  declare pec: string | null

  @column()
  declare phone: string | null

  @column()
  declare address: string | null

  @column()
  declare website: string | null

  @jsonColumn()
  declare languages: Language[]

  @column({ consume: Boolean })
  declare isActive: boolean

  @hasMany(() => Service)
  declare services: HasMany<typeof Service>

  @hasMany(() => Office)
  declare offices: HasMany<typeof Office>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Path prefix of every page of this ente. */
  get basePath() {
    return `/${this.slug}`
  }
}
