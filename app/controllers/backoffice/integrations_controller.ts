import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import { staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { returnedMessageForm, emptyMessageForm } from '#services/personal_area/message_form'
import { integrationPage } from '#services/backoffice/integrations/integration_page'
import { requestIntegrations } from '#services/backoffice/integrations/request_integrations'
import { acceptIntegrations } from '#services/backoffice/integrations/accept_integrations'
import { cancelIntegrations } from '#services/backoffice/integrations/cancel_integrations'
import type { StaffAct } from '#services/backoffice/integrations/acting'

/**
 * The integration cycle of a pratica in the backoffice: "Richiedi
 * integrazioni" (its page and "Invia richiesta integrazione"), the
 * citizen's answers with "Accetta integrazioni", and "Annulla richiesta
 * integrazioni". Same 404 rules as the pratica page; a refusal comes back
 * as a message, with what the operator typed.
 */
export default class IntegrationsController {
  async create(ctx: HttpContext) {
    const { pratica, service, user } = await this.#pratica(ctx)
    const page = await integrationPage(ctx.ente, user, pratica, service)
    const form = { ...emptyMessageForm(), body: page.defaultText }
    return ctx.view.render('backoffice/integrations/request', {
      title: 'Richiedi integrazione',
      page,
      form,
    })
  }

  async store(ctx: HttpContext) {
    const { pratica, service, user } = await this.#pratica(ctx)
    const { request, response, session } = ctx
    const outcome = await requestIntegrations(
      ctx.ente,
      pratica,
      service,
      {
        body: request.input('messaggio'),
        draft: request.input('_draft'),
        remove: request.input('rimuovi'),
        files: request.files(ATTACHMENT_FIELD),
      },
      this.#act(ctx)
    )
    if (outcome.sent) {
      session.flash(
        'success',
        'Richiesta di integrazioni inviata: la pratica è in attesa di integrazioni.'
      )
      return response.redirect(`/${ctx.ente.slug}/backoffice/pratiche/${pratica.uuid}`)
    }
    const page = await integrationPage(ctx.ente, user, pratica, service)
    response.status(422)
    return ctx.view.render('backoffice/integrations/request', {
      title: 'Richiedi integrazione',
      page,
      form: returnedMessageForm(outcome.form),
    })
  }

  async show(ctx: HttpContext) {
    const { pratica, service, user } = await this.#pratica(ctx)
    const page = await integrationPage(ctx.ente, user, pratica, service)
    return ctx.view.render('backoffice/integrations/answers', {
      title: 'Integrazioni',
      page,
      selected: [],
    })
  }

  async accept(ctx: HttpContext) {
    const { pratica, service, user } = await this.#pratica(ctx)
    const selected = ([] as unknown[])
      .concat(ctx.request.input('messaggi', []))
      .map(Number)
      .filter(Number.isSafeInteger)
    const outcome = await acceptIntegrations(ctx.ente, pratica, service, selected, this.#act(ctx))
    if (outcome.accepted) {
      ctx.session.flash(
        'success',
        'Integrazioni accettate: il pdf di risposta è tra i documenti della pratica.'
      )
      return ctx.response.redirect(`/${ctx.ente.slug}/backoffice/pratiche/${pratica.uuid}`)
    }
    const page = await integrationPage(ctx.ente, user, pratica, service)
    ctx.response.status(422)
    return ctx.view.render('backoffice/integrations/answers', {
      title: 'Integrazioni',
      page,
      selected,
      refusal: outcome.refusal,
    })
  }

  async cancel(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    const { refusal } = await cancelIntegrations(ctx.ente, pratica, service, this.#act(ctx))
    if (refusal) ctx.session.flash('error', refusal)
    else
      ctx.session.flash(
        'success',
        'Richiesta di integrazioni annullata: la pratica è di nuovo in carico.'
      )
    return ctx.response.redirect(`/${ctx.ente.slug}/backoffice/pratiche/${pratica.uuid}`)
  }

  async #pratica(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const { pratica, service } = await staffPratica(ctx.ente, user, ctx.params.pratica)
    return { pratica, service, user }
  }

  #act(ctx: HttpContext): StaffAct {
    return { operator: ctx.auth.use('web').user!, origin: requestOrigin(ctx.request) }
  }
}
