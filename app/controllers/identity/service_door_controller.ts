import type { HttpContext } from '@adonisjs/core/http'
import Service from '#models/service'
import NotFoundException from '#exceptions/not_found_exception'
import { serviceDoorRedirect } from '#services/identity/service_door'

/**
 * "Accedi al servizio online": the session must be at the service's
 * minimum authentication level (else the access page asks for it, coming
 * back here), then the service's form opens.
 */
export default class ServiceDoorController {
  async show(ctx: HttpContext) {
    const { ente, params, response } = ctx
    const service = await Service.forEnte(ente).where('slug', String(params.slug)).first()
    if (!service) throw new NotFoundException()
    const scheda = `/${ente.slug}/servizi/${service.slug}`
    if (!service.availability().open) return response.redirect().toPath(scheda)

    const login = await serviceDoorRedirect(ctx, service, `${scheda}/accedi`)
    return response.redirect().toPath(login ?? `${scheda}/compila`)
  }
}
