import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'

export type StampPhase = 'at_request' | 'at_release'

/**
 * A marca da bollo a pratica needs: asked at request (service settings) or
 * at release (the operator), entered by the citizen with its number and
 * emission time. Written through app/services/payments/stamps.ts.
 */
export default class Stamp extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare uuid: string

  @column()
  declare praticaId: number

  @column()
  declare phase: StampPhase

  @column()
  declare itemIndex: number

  @column()
  declare causale: string

  @column({ consume: (value) => Number(value) })
  declare amountCents: number

  /** the marca's 14-digit identificativo (a digital one's IUBD), once entered or issued */
  @column()
  declare number: string | null

  /** the STAMP payment position paying it as a marca da bollo digitale, if the citizen chose so */
  @column()
  declare positionId: number | null

  /** for a digital marca: base64 SHA-256 of the document it is bound to */
  @column()
  declare documentHash: string | null

  @column.dateTime()
  declare issuedAt: DateTime | null

  @column.dateTime()
  declare enteredAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
