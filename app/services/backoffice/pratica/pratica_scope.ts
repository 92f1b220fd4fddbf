import Pratica from '#models/pratica'
import type Ente from '#models/ente'
import type User from '#models/user'
import type Service from '#models/service'
import NotFoundException from '#exceptions/not_found_exception'
import { PraticaStatus } from '#domain/pratica_status'
import { isPraticaNumber } from '#services/personal_area/pratica_access'
import { listScope, visibleServiceOrFail } from '#services/backoffice/list_scope'

/**
 * The pratica a staff member may open, by its Numero richiesta: one of
 * their ente, of a service they are enabled for (every service for the
 * ente admin), already sent. Anything else (another ente's, a service not
 * enabled, a draft, a malformed number) is the same 404, as the Elenco
 * pratiche decides (list_scope.ts).
 */
export interface StaffPratica {
  pratica: Pratica
  service: Service
}

export async function staffPratica(ente: Ente, user: User, uuid: unknown): Promise<StaffPratica> {
  if (!isPraticaNumber(uuid)) throw new NotFoundException()
  const pratica = await Pratica.forEnte(ente)
    .where('uuid', uuid.toLowerCase())
    .whereNot('status', PraticaStatus.DRAFT)
    .first()
  if (!pratica) throw new NotFoundException()
  const service = await visibleServiceOrFail(listScope(ente, user), pratica.serviceId)
  return { pratica, service }
}

export function praticaBaseUrl(ente: Pick<Ente, 'slug'>, pratica: Pick<Pratica, 'uuid'>) {
  return `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`
}
