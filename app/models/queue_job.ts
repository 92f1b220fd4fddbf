import type { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { timeColumn } from '#queue/db_time'

export type QueueJobStatus = 'pending' | 'running' | 'completed' | 'failed'

/**
 * A job of the in-process (database) queue driver. Written and claimed by
 * app/queue/database_driver.ts with atomic queries; this model is for
 * reading (admin page, tests).
 */
export default class QueueJob extends BaseModel {
  static table = 'queue_jobs'

  // bigint: node-postgres returns it as a string
  @column({ isPrimary: true, consume: (value) => Number(value) })
  declare id: number

  @column()
  declare queue: string

  @column()
  declare name: string

  @jsonColumn()
  declare payload: unknown

  /** deduplication key (unique) */
  @column()
  declare jobKey: string | null

  @column()
  declare status: QueueJobStatus

  /** attempts started so far, including the running one */
  @column()
  declare attempts: number

  @column()
  declare maxAttempts: number

  @column()
  declare backoffMs: number

  @timeColumn()
  declare availableAt: DateTime

  /** lease: past this time a running job is considered abandoned */
  @timeColumn()
  declare lockedUntil: DateTime | null

  @column()
  declare lockedBy: string | null

  @column()
  declare lastError: string | null

  @timeColumn()
  declare completedAt: DateTime | null

  @timeColumn()
  declare createdAt: DateTime

  @timeColumn()
  declare updatedAt: DateTime
}
