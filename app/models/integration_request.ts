import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'

export type IntegrationRequestStatus = 'open' | 'accepted' | 'cancelled'

/** An operator's "Richiedi integrazioni"; see app/services/backoffice/integrations. */
export default class IntegrationRequest extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare praticaId: number

  @column()
  declare requestMessageId: number

  @column()
  declare requestedBy: number | null

  @column()
  declare status: IntegrationRequestStatus

  @column()
  declare answerDocumentId: number | null

  @column()
  declare closedBy: number | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
