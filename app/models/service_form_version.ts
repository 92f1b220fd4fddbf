import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import type { FormTranslations } from '#domain/form_translations'

/**
 * One saved version of a service's form (Form.io-compatible JSON). A
 * pratica keeps the version it was filled with; versions are never edited.
 */
export default class ServiceFormVersion extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare serviceId: number

  @column()
  declare version: number

  @jsonColumn()
  declare schema: Record<string, unknown>

  /** en/de label translations keyed by the Italian text, see app/domain/form_translations.ts */
  @jsonColumn()
  declare translations: FormTranslations

  @column()
  declare createdById: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
