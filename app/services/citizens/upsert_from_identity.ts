import { DateTime } from 'luxon'
import Citizen from '#models/citizen'
import type { EnteRef } from '#models/mixins/tenant_owned'
import type { NormalisedIdentity } from '#extension_points/identity/contract'

/**
 * The citizen behind a login: found by (ente, codice fiscale), created on
 * first login. Data from SPID/CIE overwrites the identity fields every time
 * (they are locked for the citizen), so a citizen first created by an
 * operator or by a login-free submission becomes the same person.
 */
export async function upsertCitizenFromIdentity(ente: EnteRef, identity: NormalisedIdentity) {
  const citizen =
    (await Citizen.forEnte(ente).where('fiscal_code', identity.fiscalNumber).first()) ??
    new Citizen().merge({ enteId: ente.id, fiscalCode: identity.fiscalNumber })

  citizen.merge({
    firstName: identity.name,
    lastName: identity.familyName,
    identitySource: identity.source === 'cie' ? 'cie' : 'spid',
    lastLoginAt: DateTime.now(),
  })
  // contacts come from the IdP only when the citizen has none of their own
  citizen.email ??= identity.email ?? null
  citizen.mobilePhone ??= identity.mobilePhone ?? null
  await citizen.save()
  return citizen
}
