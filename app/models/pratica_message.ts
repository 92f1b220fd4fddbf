import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'
import type { ActorType } from '#models/pratica_status_change'

export type MessageVisibility = 'applicant' | 'internal'

/** A message of a pratica ("Messaggi"), or an operators' internal note. */
export default class PraticaMessage extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare praticaId: number

  @column()
  declare authorType: ActorType

  @column()
  declare authorId: number | null

  @column()
  declare authorName: string | null

  @column()
  declare subject: string | null

  @column()
  declare body: string

  @column()
  declare visibility: MessageVisibility

  @column.dateTime()
  declare readByCitizenAt: DateTime | null

  @column.dateTime()
  declare readByOfficeAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** owner of its attachments in form_uploads */
  get uploadOwner() {
    return `message:${this.id}`
  }
}
