import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'

/**
 * One entry of the audit log. Written only through
 * app/services/audit/audit_log.ts; never updated.
 */
export default class AuditLog extends BaseModel {
  static table = 'audit_logs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare enteId: number | null

  /** `<subject>_<verb>`, e.g. login_failed, operator_created */
  @column()
  declare action: string

  @column()
  declare actorId: number | null

  /** "Nome Cognome (username)" of the staff member, null when anonymous */
  @column()
  declare actorLabel: string | null

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column()
  declare subjectLabel: string | null

  @jsonColumn()
  declare metadata: Record<string, unknown>

  @column()
  declare ip: string | null

  @column()
  declare userAgent: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
