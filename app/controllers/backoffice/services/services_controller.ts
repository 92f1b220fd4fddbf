import type { HttpContext } from '@adonisjs/core/http'
import Category from '#models/category'
import { canConfigureEnte } from '#domain/roles'
import { SERVICE_STATUS_LABELS } from '#domain/service_availability'
import { createServiceValidator, generalMessages } from '#validators/service_general'
import { servicesForStaff } from '#services/services/staff_services'
import { createService } from '#services/services/create_service'
import {
  acting,
  savedRedirect,
  servicesUrl,
  tabUrl,
  validateTab,
} from '#controllers/backoffice/services/editing'

/**
 * The backoffice's "Servizi": the list (every service for the ente admin,
 * with "Crea servizio" and "Modifica"; the enabled ones, read-only, for
 * managers and operators) and "Crea servizio".
 */
export default class ServicesController {
  async index(ctx: HttpContext) {
    const { ente, request, view, auth } = ctx
    const user = auth.use('web').user!
    const search = String(request.input('cerca', '')).trim().slice(0, 100)
    const services = await servicesForStaff(ente, user, search)
    return view.render('pages/backoffice/services/index', {
      title: 'Servizi',
      services,
      search,
      canEdit: canConfigureEnte(user.role),
      statusLabels: SERVICE_STATUS_LABELS,
    })
  }

  async create(ctx: HttpContext) {
    return this.#renderCreate(ctx, {}, {})
  }

  async store(ctx: HttpContext) {
    const { ente, request } = ctx
    const input = request.only(['name', 'slug', 'categoryId'])
    const result = await validateTab(createServiceValidator, input, generalMessages, {
      enteId: ente.id,
      serviceId: null,
    })
    if (result.errors) return this.#renderCreate(ctx, input, result.errors)
    const service = await createService(ente, result.value, acting(ctx))
    return savedRedirect(
      ctx,
      tabUrl(ctx, service, 'scheda'),
      `Servizio ${service.name} creato: è privato finché non lo pubblichi in "Impostazioni avanzate".`
    )
  }

  async #renderCreate(
    ctx: HttpContext,
    values: Record<string, unknown>,
    errors: Record<string, string>
  ) {
    if (Object.keys(errors).length) ctx.response.status(422)
    return ctx.view.render('pages/backoffice/services/create', {
      title: 'Crea servizio',
      values,
      errors,
      categories: await Category.forEnte(ctx.ente).orderBy('name'),
      action: servicesUrl(ctx),
    })
  }
}
