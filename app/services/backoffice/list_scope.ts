import db from '@adonisjs/lucid/services/db'
import Service from '#models/service'
import Office from '#models/office'
import GeographicArea from '#models/geographic_area'
import type Ente from '#models/ente'
import type User from '#models/user'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * Whose Elenco pratiche it is: the ente, the staff member, and whether they
 * see every service of the ente. The manual: "l'operatore visualizza tutte
 * le pratiche aperte per i servizi a cui è stato abilitato". Managers are
 * operators who also manage the others, so they too see the services they
 * are enabled for; the ente admin, who configures every service, sees all.
 */
export interface ListScope {
  enteId: number
  userId: number
  allServices: boolean
}

export function listScope(ente: Ente, user: User): ListScope {
  return { enteId: ente.id, userId: user.id, allServices: user.role === 'ente_admin' }
}

/** The ids of the services a scope may see, as a subquery (never materialised). */
export function enabledServiceIds(scope: ListScope) {
  return db.from('operator_services').select('service_id').where('user_id', scope.userId)
}

/** The services of "Filtra per servizio": those the scope sees, by name (id and name only). */
export async function visibleServices(scope: ListScope) {
  return Service.query()
    .select('id', 'name')
    .where('ente_id', scope.enteId)
    .if(!scope.allServices, (query) => query.whereIn('id', enabledServiceIds(scope)))
    .orderBy('name')
    .orderBy('id')
}

/**
 * The service named by a filter, or 404 when the scope may not see it
 * (another ente's, not enabled, nonexistent: the same answer).
 */
export async function visibleServiceOrFail(scope: ListScope, serviceId: number): Promise<Service> {
  const service = await Service.query()
    .where('ente_id', scope.enteId)
    .where('id', serviceId)
    .if(!scope.allServices, (query) => query.whereIn('id', enabledServiceIds(scope)))
    .first()
  if (!service) throw new NotFoundException()
  return service
}

/** "Filtra per lavorazione" offers the offices the staff member belongs to. */
export async function ownOffices(scope: ListScope) {
  return Office.query()
    .select('id', 'name')
    .where('ente_id', scope.enteId)
    .whereIn('id', db.from('operator_offices').select('office_id').where('user_id', scope.userId))
    .orderBy('name')
}

export async function enteAreas(scope: ListScope) {
  return GeographicArea.query().select('id', 'name').where('ente_id', scope.enteId).orderBy('name')
}
