import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import Service from '#models/service'
import Citizen from '#models/citizen'
import User from '#models/user'
import Office from '#models/office'
import PraticaStatusChange from '#models/pratica_status_change'
import PraticaMessage from '#models/pratica_message'
import { statusLabel, type PraticaStatusCode } from '#domain/pratica_status'
import type { TypedApplicant } from '#services/citizens/citizen_from_typed_data'

export type PraticaRelation = 'rinnovo' | 'modifica' | 'voltura'

/**
 * A citizen's application to a service. Its status changes only through
 * app/services/pratiche/change_status.ts (the state machine + the iter).
 */
export default class Pratica extends compose(BaseModel, TenantOwned) {
  static table = 'pratiche'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare uuid: string

  @column()
  declare serviceId: number

  @column()
  declare formVersionId: number | null

  @column()
  declare citizenId: number | null

  @column()
  declare status: PraticaStatusCode

  @column({ consume: Boolean })
  declare partial: boolean

  @jsonColumn()
  declare data: Record<string, unknown>

  @column()
  declare authMethod: string | null

  @column()
  declare authLevel: number | null

  @column()
  declare operatorId: number | null

  @column()
  declare officeId: number | null

  @column()
  declare priority: number

  @column()
  declare parentId: number | null

  @column()
  declare relation: PraticaRelation | null

  @column()
  declare protocolNumber: string | null

  @column.dateTime()
  declare protocolDate: DateTime | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column.dateTime()
  declare responseDueAt: DateTime | null

  @column.dateTime()
  declare statusChangedAt: DateTime

  /** a draft resumes at this step of its form */
  @column()
  declare formStep: number

  /** what a login-free applicant typed (nome, cognome, codiceFiscale, email, telefono) */
  @jsonColumn()
  declare typedApplicant: TypedApplicant | null

  /** workflow "Inoltro": when it was forwarded to the external back office */
  @column.dateTime()
  declare forwardedAt: DateTime | null

  /** "Crea pratica": the operator who filled it for the citizen */
  @column()
  declare createdByOperatorId: number | null

  @belongsTo(() => Service)
  declare service: BelongsTo<typeof Service>

  @belongsTo(() => Citizen)
  declare citizen: BelongsTo<typeof Citizen>

  @belongsTo(() => User, { foreignKey: 'operatorId' })
  declare operator: BelongsTo<typeof User>

  @belongsTo(() => Office)
  declare office: BelongsTo<typeof Office>

  @hasMany(() => PraticaStatusChange)
  declare iter: HasMany<typeof PraticaStatusChange>

  @hasMany(() => PraticaMessage)
  declare messages: HasMany<typeof PraticaMessage>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get statusLabel() {
    return statusLabel(this.status, { partial: this.partial })
  }
}
