import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, belongsTo, column, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import Category from '#models/category'
import ServiceGroup from '#models/service_group'
import GeographicArea from '#models/geographic_area'
import Office from '#models/office'
import ServiceFormVersion from '#models/service_form_version'
import type { AuthLevelValue } from '#domain/auth_level'
import { availability, type ServiceStatus } from '#domain/service_availability'
import { pickTranslation, type Language } from '#domain/languages'
import type {
  AppIoSettings,
  AutoAssignment,
  MessageTemplates,
  PaymentSettings,
  Scheda,
  ServiceContent,
  StampSettings,
  Workflow,
} from '#domain/service_settings'

export default class Service extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare slug: string

  @column()
  declare name: string

  @column()
  declare categoryId: number | null

  @column()
  declare serviceGroupId: number | null

  @jsonColumn()
  declare content: ServiceContent

  @column()
  declare status: ServiceStatus

  @column.dateTime()
  declare scheduledFrom: DateTime | null

  @column.dateTime()
  declare scheduledTo: DateTime | null

  @column()
  declare minAuthLevel: AuthLevelValue

  @column()
  declare workflow: Workflow

  /** where the "Inoltro" workflow forwards a pratica (the external back office) */
  @column()
  declare forwardUrl: string | null

  @column()
  declare maxResponseDays: number | null

  @column({ consume: Boolean })
  declare protocolRequired: boolean

  @jsonColumn()
  declare paymentSettings: PaymentSettings

  @jsonColumn()
  declare stampSettings: StampSettings

  @column({ consume: Boolean })
  declare allowWithdrawal: boolean

  @column({ consume: Boolean })
  declare allowIntegrationRequests: boolean

  @column({ consume: Boolean })
  declare allowPartialApproval: boolean

  @jsonColumn()
  declare autoAssignment: AutoAssignment | null

  @jsonColumn()
  declare messageTemplates: MessageTemplates

  @jsonColumn()
  declare receiptText: Partial<Record<Language, string>>

  @jsonColumn()
  declare appIoSettings: AppIoSettings | null

  @column()
  declare conditionsFilePath: string | null

  @belongsTo(() => Category)
  declare category: BelongsTo<typeof Category>

  @belongsTo(() => ServiceGroup)
  declare serviceGroup: BelongsTo<typeof ServiceGroup>

  @manyToMany(() => Office, { pivotTable: 'service_offices' })
  declare offices: ManyToMany<typeof Office>

  @manyToMany(() => GeographicArea, { pivotTable: 'service_geographic_areas' })
  declare geographicAreas: ManyToMany<typeof GeographicArea>

  @hasMany(() => ServiceFormVersion)
  declare formVersions: HasMany<typeof ServiceFormVersion>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** The scheda in the wanted language (Italian when missing). */
  scheda(language: string): Scheda {
    return pickTranslation(this.content, language) ?? {}
  }

  availability(now = new Date()) {
    return availability(this.status, now, {
      from: this.scheduledFrom?.toJSDate() ?? null,
      to: this.scheduledTo?.toJSDate() ?? null,
    })
  }
}
