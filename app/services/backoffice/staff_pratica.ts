import Pratica from '#models/pratica'
import type Ente from '#models/ente'
import type User from '#models/user'
import { PraticaStatus } from '#domain/pratica_status'
import NotFoundException from '#exceptions/not_found_exception'
import { isPraticaNumber } from '#services/personal_area/pratica_access'
import { enabledServiceIds, listScope } from '#services/backoffice/list_scope'

/**
 * A sent pratica of this ente, by its Numero richiesta, for a staff member
 * enabled for its service (the ente admin: any service). Anything else,
 * drafts included, is the same 404: nothing leaks.
 */
export async function staffPraticaOrFail(ente: Ente, user: User, uuid: unknown) {
  if (!isPraticaNumber(uuid)) throw new NotFoundException()
  const scope = listScope(ente, user)
  const pratica = await Pratica.forEnte(ente)
    .where('uuid', uuid.toLowerCase())
    .where('status', '>', PraticaStatus.DRAFT)
    .if(!scope.allServices, (query) => query.whereIn('service_id', enabledServiceIds(scope)))
    .preload('service')
    .first()
  if (!pratica) throw new NotFoundException()
  return pratica
}
