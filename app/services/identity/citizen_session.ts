import type { HttpContext } from '@adonisjs/core/http'
import { AuthLevel, type AuthLevelValue } from '#domain/auth_level'
import type Citizen from '#models/citizen'
import type {
  IdentitySession,
  IdpLogoutRequest,
  NormalisedIdentity,
} from '#extension_points/identity/contract'

const SESSION_KEY = 'citizen_identity'

/** What the session keeps of a citizen's login: level, source, IdP, what logout needs. */
export interface StoredIdentity extends IdentitySession {
  enteId: number
  citizenId: number
  pluginId: string
}

/** The citizen logged in to this ente, or null. */
export async function currentCitizen({ auth, ente }: HttpContext): Promise<Citizen | null> {
  const guard = auth.use('citizen')
  return (await guard.check()) && guard.user!.enteId === ente.id ? guard.user! : null
}

/** How the current citizen logged in, when it was through an identity plugin of this ente. */
export function storedIdentity(ctx: HttpContext, citizen: Citizen | null): StoredIdentity | null {
  const stored = ctx.session.get(SESSION_KEY) as StoredIdentity | undefined
  if (!citizen || !stored) return null
  return stored.enteId === ctx.ente.id && stored.citizenId === citizen.id ? stored : null
}

/**
 * The level of the current session: anonymous without a citizen, and for a
 * citizen session that did not come through a login here (nothing proves a
 * level then).
 */
export async function sessionLevel(ctx: HttpContext) {
  const citizen = await currentCitizen(ctx)
  const level: AuthLevelValue = storedIdentity(ctx, citizen)?.level ?? AuthLevel.ANONYMOUS
  return { citizen, level }
}

/**
 * Logs the citizen in with a fresh session id (the guard regenerates it, so
 * an id planted before the login is worthless) and keeps the identity.
 */
export async function beginCitizenSession(
  ctx: HttpContext,
  citizen: Citizen,
  pluginId: string,
  identity: NormalisedIdentity
) {
  await ctx.auth.use('citizen').login(citizen)
  const stored: StoredIdentity = {
    enteId: ctx.ente.id,
    citizenId: citizen.id,
    pluginId,
    fiscalNumber: identity.fiscalNumber,
    level: identity.level,
    source: identity.source,
    nameId: identity.nameId,
    sessionIndex: identity.sessionIndex,
    idpId: identity.idpId,
  }
  ctx.session.put(SESSION_KEY, stored)
}

/** Ends the citizen's session here, with a new session id. */
export async function endCitizenSession(ctx: HttpContext) {
  await ctx.auth.use('citizen').logout()
  ctx.session.forget(SESSION_KEY)
  ctx.session.regenerate()
}

/**
 * Whether an IdP's logout request is about this session: same plugin, and
 * the same NameID and SessionIndex where the IdP names them.
 */
export function logoutConcerns(
  stored: StoredIdentity | null,
  pluginId: string,
  request: Pick<IdpLogoutRequest, 'nameId' | 'sessionIndex'>
) {
  if (!stored || stored.pluginId !== pluginId) return false
  if (request.nameId !== undefined && request.nameId !== stored.nameId) return false
  return request.sessionIndex === undefined || request.sessionIndex === stored.sessionIndex
}
