import type { HttpContext } from '@adonisjs/core/http'
import Service from '#models/service'
import Pratica from '#models/pratica'
import NotFoundException from '#exceptions/not_found_exception'
import { PraticaStatus } from '#domain/pratica_status'
import { CitizenMessages, loginFreeApplicantValidator } from '#validators/citizen_profile'
import { serviceDoorRedirect } from '#services/identity/service_door'
import { sessionLevel, storedIdentity } from '#services/identity/citizen_session'
import { currentFormVersion } from '#services/forms/form_versions'
import { presentForm } from '#services/forms/form_presenter'
import { prefilledFromIdentityProvider } from '#services/forms/prefill'
import type { FormPage } from '#services/forms/form_page'
import { openOrCreateDraft } from '#services/pratiche/drafts'
import { draftPage, saveDraftStep } from '#services/pratiche/pratica_form'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import {
  grantDraft,
  grantedUuids,
  praticaWithService,
  type PraticaVisitor,
} from '#services/pratiche/pratica_access'

/**
 * Filling a pratica: the service's door opens the applicant's draft (or
 * makes one), then the form step by step at /:ente/pratiche/:pratica/compila,
 * the draft saved at every "Avanti"/"Indietro". A service without login
 * first asks the applicant's data (Richiedente) typed by hand.
 */
export default class CompileController {
  /** GET /:ente/servizi/:slug/compila */
  async start(ctx: HttpContext) {
    const { ente, response, view } = ctx
    const service = await this.#service(ctx)
    const scheda = `/${ente.slug}/servizi/${service.slug}`
    if (!service.availability().open) return response.redirect().toPath(scheda)
    const login = await serviceDoorRedirect(ctx, service, `${scheda}/accedi`)
    if (login) return response.redirect().toPath(login)
    const version = await currentFormVersion(service)
    if (!version) return view.render('pages/pratiche/no_form', { service })

    const { citizen, level } = await sessionLevel(ctx)
    if (citizen) {
      const pratica = await openOrCreateDraft(ente, service, version, {
        citizen,
        authMethod: storedIdentity(ctx, citizen)?.source ?? null,
        authLevel: level,
      })
      return response.redirect().toPath(praticaPaths(ente.slug, pratica.uuid).compile)
    }
    const draft = await this.#loginFreeDraft(ctx, service)
    if (draft) return response.redirect().toPath(praticaPaths(ente.slug, draft.uuid).compile)
    return view.render('pages/pratiche/applicant', { service })
  }

  /** POST /:ente/servizi/:slug/compila: the login-free applicant's Richiedente */
  async startWithoutLogin(ctx: HttpContext) {
    const { ente, request, response, i18n, view } = ctx
    const service = await this.#service(ctx)
    const scheda = `/${ente.slug}/servizi/${service.slug}`
    if (!service.availability().open) return response.redirect().toPath(scheda)
    const { citizen } = await sessionLevel(ctx)
    const login = await serviceDoorRedirect(ctx, service, `${scheda}/accedi`)
    if (login || citizen) return response.redirect().toPath(login ?? `${scheda}/compila`)
    const version = await currentFormVersion(service)
    if (!version) return view.render('pages/pratiche/no_form', { service })

    const typed = await request.validateUsing(loginFreeApplicantValidator, {
      messagesProvider: new CitizenMessages(i18n),
    })
    const pratica = await openOrCreateDraft(ente, service, version, {
      citizen: null,
      typed,
      authMethod: 'anonymous',
      authLevel: 0,
    })
    grantDraft(ctx, pratica)
    return response.redirect().toPath(praticaPaths(ente.slug, pratica.uuid).compile)
  }

  /** GET /:ente/pratiche/:pratica/compila */
  async show(ctx: HttpContext) {
    const { pratica, visitor, service } = await praticaWithService(ctx)
    const elsewhere = await this.#notFillable(ctx, pratica, service)
    if (elsewhere) return ctx.response.redirect().toPath(elsewhere)
    const page = await draftPage(ctx.ente, pratica, { identityNote: this.#identityNote(visitor) })
    return this.#render(ctx, pratica, service, page)
  }

  /** POST /:ente/pratiche/:pratica/compila: a step (Avanti, Indietro, a grid row, an upload) */
  async save(ctx: HttpContext) {
    const { pratica, service } = await praticaWithService(ctx)
    const elsewhere = await this.#notFillable(ctx, pratica, service)
    if (elsewhere) return ctx.response.redirect().toPath(elsewhere)
    const { page, saved } = await saveDraftStep(ctx.ente, pratica, ctx.request)
    if (!saved)
      return ctx.response.redirect().toPath(praticaPaths(ctx.ente.slug, pratica.uuid).receipt)
    if (page.complete) {
      return ctx.response.redirect().toPath(praticaPaths(ctx.ente.slug, pratica.uuid).summary)
    }
    if (Object.keys(page.errors).length > 0) ctx.response.status(422)
    return this.#render(ctx, pratica, service, page)
  }

  async #service({ ente, params }: HttpContext) {
    const service = await Service.forEnte(ente).where('slug', String(params.slug)).first()
    if (!service) throw new NotFoundException()
    return service
  }

  /** The draft this browser is filling without login for this service, if any. */
  async #loginFreeDraft(ctx: HttpContext, service: Service) {
    const uuids = grantedUuids(ctx)
    if (uuids.length === 0) return null
    return Pratica.forEnte(ctx.ente)
      .where('service_id', service.id)
      .where('status', PraticaStatus.DRAFT)
      .whereNull('citizen_id')
      .whereIn('uuid', uuids)
      .orderBy('id', 'desc')
      .first()
  }

  /**
   * Where to go instead of the form: a pratica already sent shows its
   * receipt (or its payment step); a session below the service's level
   * logs in again first.
   */
  async #notFillable(ctx: HttpContext, pratica: Pratica, service: Service) {
    const paths = praticaPaths(ctx.ente.slug, pratica.uuid)
    if (pratica.status === PraticaStatus.PAYMENT_PENDING) return paths.payment
    if (pratica.status !== PraticaStatus.DRAFT) return paths.receipt
    return serviceDoorRedirect(ctx, service, paths.compile)
  }

  #identityNote(visitor: PraticaVisitor) {
    return visitor.citizen !== null && prefilledFromIdentityProvider(visitor.citizen)
  }

  async #render(ctx: HttpContext, pratica: Pratica, service: Service, page: FormPage) {
    return ctx.view.render('pages/pratiche/compile', {
      pratica,
      service,
      paths: praticaPaths(ctx.ente.slug, pratica.uuid),
      // labels in the visitor's language where "Traduzioni modulo" has them
      form: await presentForm(page, { language: ctx.i18n.locale }),
    })
  }
}
