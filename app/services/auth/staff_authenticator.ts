import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import type { Role } from '#domain/roles'

/**
 * Checks a staff member's username and password. Usernames are unique per
 * ente, so the door (an ente's login page, or /admin for platform admins)
 * tells where to look. Unknown users cost the same hashing time as known
 * ones, so response times do not reveal which usernames exist.
 */
export async function authenticateStaff(input: {
  enteId: number | null
  username: string
  password: string
  roles: Role[]
}): Promise<{ user: User } | { error: 'invalid' | 'disabled' }> {
  const query = User.query()
    .where('username', input.username.trim().toLowerCase())
    .whereIn('role', input.roles)
  const user = await (
    input.enteId === null ? query.whereNull('ente_id') : query.where('ente_id', input.enteId)
  ).first()

  const passwordOk = user?.password
    ? await hash.verify(user.password, input.password)
    : await hash.verify(await dummyHash(), input.password).then(() => false)

  if (!user || !passwordOk) return { error: 'invalid' }
  if (!user.isEnabled) return { error: 'disabled' }
  return { user }
}

let dummy: Promise<string> | null = null
function dummyHash() {
  dummy ??= hash.make('not-a-real-password')
  return dummy
}
