import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'

/** setup: a new account's first password; reset: "Hai dimenticato la password?" */
export type PasswordTokenPurpose = 'setup' | 'reset'

/**
 * A single-use link to set a staff member's password. Only the SHA-256 of
 * the token is stored (app/services/auth/password_tokens.ts).
 */
export default class PasswordToken extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare purpose: PasswordTokenPurpose

  @column({ serializeAs: null })
  declare tokenHash: string

  @column.dateTime()
  declare expiresAt: DateTime

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
