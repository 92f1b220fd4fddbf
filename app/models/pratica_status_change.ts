import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'
import { statusLabel, type PraticaStatusCode } from '#domain/pratica_status'

export type ActorType = 'citizen' | 'operator' | 'system'

/** One line of the "Iter della pratica". */
export default class PraticaStatusChange extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare praticaId: number

  @column()
  declare fromStatus: PraticaStatusCode | null

  @column()
  declare toStatus: PraticaStatusCode

  @column({ consume: Boolean })
  declare partial: boolean

  @column()
  declare actorType: ActorType

  @column()
  declare actorId: number | null

  @column()
  declare actorName: string | null

  @column()
  declare message: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  get label() {
    return statusLabel(this.toStatus, { partial: this.partial })
  }
}
