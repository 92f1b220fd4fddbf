import type Ente from '#models/ente'
import type User from '#models/user'
import Service from '#models/service'
import NotFoundException from '#exceptions/not_found_exception'
import { canConfigureEnte } from '#domain/roles'
import { matchesWords, queryWords } from '#domain/catalogue_search'

/**
 * The backoffice's "Servizi": the ente admin sees and configures every
 * service of the ente; managers and operators see, read-only, the services
 * they are enabled for (the manual: "l'operatore visualizza l'elenco dei
 * servizi a cui è stato abilitato"). Sorted as the manual's list, by group
 * then name.
 */
export async function servicesForStaff(ente: Ente, user: User, search: string) {
  const query = Service.forEnte(ente).preload('category').preload('serviceGroup')
  if (!canConfigureEnte(user.role)) {
    query.whereIn('services.id', (enabled) =>
      enabled.from('operator_services').where('user_id', user.id).select('service_id')
    )
  }
  const services = await query
  const words = queryWords(search)
  return services
    .filter((service) =>
      matchesWords([service.name, service.serviceGroup?.name, service.category?.name], words)
    )
    .sort(
      (a, b) =>
        (a.serviceGroup?.name ?? a.name).localeCompare(b.serviceGroup?.name ?? b.name, 'it') ||
        a.name.localeCompare(b.name, 'it')
    )
}

/** A service of this ente by the id in the URL; anything else is a 404. */
export async function findServiceOrFail(ente: Ente, id: unknown) {
  const number = Number(id)
  const service =
    Number.isSafeInteger(number) && number > 0
      ? await Service.forEnte(ente).where('id', number).first()
      : null
  if (!service) throw new NotFoundException()
  return service
}
