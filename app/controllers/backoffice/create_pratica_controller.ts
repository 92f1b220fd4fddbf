import type { HttpContext } from '@adonisjs/core/http'
import type Pratica from '#models/pratica'
import { PraticaStatus } from '#domain/pratica_status'
import NotFoundException from '#exceptions/not_found_exception'
import { requestOrigin } from '#services/audit/audit_log'
import { listScope, visibleServiceOrFail } from '#services/backoffice/list_scope'
import { praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { presentForm } from '#services/forms/form_presenter'
import type { FormPage } from '#services/forms/form_page'
import { draftPage, reviewDraft, saveDraftStep } from '#services/pratiche/pratica_form'
import { IncompleteDraftError, NotADraftError } from '#services/pratiche/submit_pratica'
import {
  operatorDraftOrFail,
  searchCitizens,
  startOperatorDraft,
  type TypedFields,
} from '#services/backoffice/create_pratica/operator_draft'
import { sendOperatorDraft } from '#services/backoffice/create_pratica/send_operator_draft'

const TYPED: Array<keyof TypedFields> = ['nome', 'cognome', 'codiceFiscale', 'email', 'telefono']

/**
 * "Crea pratica" from the backoffice's Servizi: choose the citizen (search
 * or typed data), fill the service's form step by step, Riepilogo, Invia.
 * The service must be one the operator may see, the draft one they
 * opened: anything else is 404.
 */
export default class CreatePraticaController {
  async index(ctx: HttpContext) {
    const service = await this.#service(ctx)
    return this.#renderStart(ctx, service, {}, {})
  }

  async start(ctx: HttpContext) {
    const service = await this.#service(ctx)
    const { request, response } = ctx
    const chosen = request.input('cittadino')
    const typed = Object.fromEntries(
      TYPED.map((field) => [field, String(request.input(field, '')).trim()])
    ) as TypedFields
    const outcome = await startOperatorDraft(
      ctx.ente,
      service,
      ctx.auth.use('web').user!,
      chosen ? { citizenId: chosen } : { typed }
    )
    if (outcome.draft) return response.redirect(this.#draftUrl(ctx, outcome.draft))
    response.status(422)
    return this.#renderStart(ctx, service, chosen ? {} : typed, outcome.errors)
  }

  async compile(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    if (draft.status !== PraticaStatus.DRAFT)
      return ctx.response.redirect(praticaBaseUrl(ctx.ente, draft))
    return this.#renderForm(ctx, draft, await draftPage(ctx.ente, draft))
  }

  async save(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    const { page, saved } = await saveDraftStep(ctx.ente, draft, ctx.request)
    if (!saved) return ctx.response.redirect(praticaBaseUrl(ctx.ente, draft))
    if (page.complete) return ctx.response.redirect(`${this.#draftUrl(ctx, draft)}/riepilogo`)
    if (Object.keys(page.errors).length > 0) ctx.response.status(422)
    return this.#renderForm(ctx, draft, page)
  }

  async summary(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    if (draft.status !== PraticaStatus.DRAFT)
      return ctx.response.redirect(praticaBaseUrl(ctx.ente, draft))
    const review = await reviewDraft(ctx.ente, draft)
    return ctx.view.render('backoffice/create_pratica/summary', {
      title: `Riepilogo - ${draft.service.name}`,
      draft,
      review,
      base: this.#draftUrl(ctx, draft),
    })
  }

  async submit(ctx: HttpContext) {
    const draft = await this.#draft(ctx)
    const { session, response } = ctx
    try {
      await sendOperatorDraft(ctx.ente, draft, {
        operator: ctx.auth.use('web').user!,
        origin: requestOrigin(ctx.request),
      })
    } catch (error) {
      if (error instanceof IncompleteDraftError) {
        session.flash('error', error.message)
        return response.redirect(this.#draftUrl(ctx, draft))
      }
      if (error instanceof NotADraftError) {
        session.flash('warning', error.message)
        return response.redirect(praticaBaseUrl(ctx.ente, draft))
      }
      throw error
    }
    session.flash('success', 'Pratica inviata: il cittadino la trova nella sua area personale.')
    return response.redirect(praticaBaseUrl(ctx.ente, draft))
  }

  async #service(ctx: HttpContext) {
    const id = Number(ctx.params.service)
    if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundException()
    return visibleServiceOrFail(listScope(ctx.ente, ctx.auth.use('web').user!), id)
  }

  #draft(ctx: HttpContext) {
    return operatorDraftOrFail(ctx.ente, ctx.auth.use('web').user!, ctx.params.pratica)
  }

  #draftUrl(ctx: HttpContext, draft: Pratica) {
    return `/${ctx.ente.slug}/backoffice/crea-pratica/${draft.uuid}`
  }

  async #renderStart(
    ctx: HttpContext,
    service: Awaited<ReturnType<typeof visibleServiceOrFail>>,
    typed: Partial<TypedFields>,
    errors: Record<string, string>
  ) {
    const search = String(ctx.request.input('cerca', '')).trim().slice(0, 100)
    return ctx.view.render('backoffice/create_pratica/start', {
      title: `Crea pratica - ${service.name}`,
      service,
      search,
      citizens: search ? await searchCitizens(ctx.ente, ctx.auth.use('web').user!, search) : null,
      typed,
      errors,
      action: `/${ctx.ente.slug}/backoffice/servizi/${service.id}/crea-pratica`,
    })
  }

  async #renderForm(ctx: HttpContext, draft: Pratica, page: FormPage) {
    await draft.load('citizen')
    return ctx.view.render('backoffice/create_pratica/compile', {
      title: `Crea pratica - ${draft.service.name}`,
      draft,
      base: this.#draftUrl(ctx, draft),
      form: await presentForm(page),
    })
  }
}
