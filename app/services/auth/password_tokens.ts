import { createHash, randomBytes } from 'node:crypto'
import { DateTime, type DurationLikeObject } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PasswordToken, { type PasswordTokenPurpose } from '#models/password_token'
import type User from '#models/user'
import { doorRoles, type StaffDoor } from '#services/auth/staff_door'

/**
 * Single-use password links. The token (256 random bits) travels only in
 * the e-mail; the table keeps its SHA-256, so a copy of the database
 * cannot be turned into working links. A new link replaces the previous
 * one, and using a link deletes it.
 */
export const TOKEN_LIFETIME: Record<PasswordTokenPurpose, DurationLikeObject> = {
  setup: { days: 7 },
  reset: { hours: 1 },
}

/** How long a link works, as the e-mail says it. */
export const TOKEN_LIFETIME_TEXT: Record<PasswordTokenPurpose, string> = {
  setup: '7 giorni',
  reset: '60 minuti',
}

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export async function issuePasswordToken(
  user: User,
  purpose: PasswordTokenPurpose,
  client: TransactionClientContract
): Promise<string> {
  await PasswordToken.query({ client }).where('user_id', user.id).delete()
  const token = randomBytes(32).toString('base64url')
  await PasswordToken.create(
    {
      userId: user.id,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: DateTime.now().plus(TOKEN_LIFETIME[purpose]),
    },
    { client }
  )
  return token
}

/**
 * The live link behind a token, for an enabled account of this door; null
 * for anything else (unknown, used, expired, another ente's, disabled).
 */
export async function findPasswordToken(
  door: StaffDoor,
  token: string
): Promise<PasswordToken | null> {
  if (!TOKEN_FORMAT.test(token)) return null
  const row = await PasswordToken.query()
    .where('token_hash', hashToken(token))
    .preload('user')
    .first()
  if (!row) return null
  if (row.expiresAt <= DateTime.now()) {
    await row.delete()
    return null
  }
  const user = row.user
  const sameDoor =
    (user.enteId ?? null) === (door?.id ?? null) && doorRoles(door).includes(user.role)
  return sameDoor && user.isEnabled ? row : null
}

/**
 * Uses the link up: true for the one request that deletes it, false for a
 * concurrent one that came second.
 */
export async function consumePasswordToken(row: PasswordToken, client: TransactionClientContract) {
  const deleted = await client.from('password_tokens').where('id', row.id).delete()
  return Number(deleted) === 1
}

export function revokePasswordTokens(user: User, client: TransactionClientContract) {
  return PasswordToken.query({ client }).where('user_id', user.id).delete()
}
