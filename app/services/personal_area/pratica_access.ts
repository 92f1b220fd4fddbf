import type Citizen from '#models/citizen'
import Pratica from '#models/pratica'
import type { EnteRef } from '#models/mixins/tenant_owned'
import NotFoundException from '#exceptions/not_found_exception'
import { isUuid } from '#domain/uuid'

/**
 * The personal area opens a pratica to the citizen it belongs to, and to
 * nobody else: another citizen's, another ente's or a missing pratica are
 * the same 404. Pratiche are named in addresses by their "Numero
 * richiesta" (uuid). The login-free applicant's pages go through
 * `praticaForVisitor` (app/services/pratiche/pratica_access.ts) instead.
 */

export function isPraticaNumber(value: unknown): value is string {
  return isUuid(value)
}

/** The citizen's own pratica of this ente, or 404. */
export async function citizenPratica(ente: EnteRef, citizen: Citizen, uuid: unknown) {
  if (!isPraticaNumber(uuid)) throw new NotFoundException()
  const pratica = await Pratica.forEnte(ente)
    .where('uuid', uuid.toLowerCase())
    .where('citizen_id', citizen.id)
    .first()
  if (!pratica) throw new NotFoundException()
  return pratica
}
