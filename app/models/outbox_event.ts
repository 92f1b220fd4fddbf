import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { timeColumn } from '#queue/db_time'

/**
 * An event written in the same transaction as the change that caused it
 * (app/queue/outbox.ts), moved to the queue by the outbox dispatcher.
 * Pending while `dispatchedAt` is null.
 */
export default class OutboxEvent extends BaseModel {
  static table = 'outbox_events'

  // bigint: node-postgres returns it as a string
  @column({ isPrimary: true, consume: (value) => Number(value) })
  declare id: number

  @column()
  declare enteId: number | null

  @column()
  declare type: string

  @jsonColumn()
  declare payload: Record<string, unknown>

  /** failed attempts to hand the event to the queue */
  @column()
  declare attempts: number

  @column()
  declare lastError: string | null

  /** not dispatched before this time (back-off after a failure) */
  @timeColumn()
  declare availableAt: DateTime

  @timeColumn()
  declare dispatchedAt: DateTime | null

  @timeColumn()
  declare createdAt: DateTime
}
