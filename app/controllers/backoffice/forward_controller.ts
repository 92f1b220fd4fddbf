import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import { staffPratica, praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { ATTACHMENT_FIELD } from '#services/pratiche/messages/attachments'
import { attachmentFormatsHint } from '#services/pratiche/messages/attachment_types'
import { returnedMessageForm, emptyMessageForm } from '#services/personal_area/message_form'
import { outcomeRefusal, recordOutcome } from '#services/backoffice/forward/record_outcome'
import NotFoundException from '#exceptions/not_found_exception'

/**
 * "Registra esito" of a pratica forwarded to an external back office
 * (workflow "Inoltro"): the form, then the outcome. Same 404 rules as the
 * pratica page; a pratica not forwarded has no such page.
 */
export default class ForwardController {
  async create(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    if (service.workflow !== 'forward') throw new NotFoundException()
    return this.#render(ctx, pratica, service, {
      esito: '',
      form: {
        ...emptyMessageForm(),
        errors: { pratica: outcomeRefusal(pratica, service) ?? undefined },
      },
    })
  }

  async store(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    if (service.workflow !== 'forward') throw new NotFoundException()
    const { request } = ctx
    const outcome = await recordOutcome(
      ctx.ente,
      pratica,
      service,
      {
        esito: request.input('esito'),
        body: request.input('messaggio'),
        draft: request.input('_draft'),
        remove: request.input('rimuovi'),
        files: request.files(ATTACHMENT_FIELD),
      },
      { operator: ctx.auth.use('web').user!, origin: requestOrigin(request) }
    )
    if (outcome.recorded) {
      ctx.session.flash('success', 'Esito registrato: il richiedente ne riceve comunicazione.')
      return ctx.response.redirect(praticaBaseUrl(ctx.ente, pratica))
    }
    ctx.response.status(422)
    return this.#render(ctx, pratica, service, {
      esito: outcome.esito,
      form: { ...returnedMessageForm(outcome.form), errors: outcome.form.errors },
    })
  }

  async #pratica(ctx: HttpContext) {
    return staffPratica(ctx.ente, ctx.auth.use('web').user!, ctx.params.pratica)
  }

  #render(
    ctx: HttpContext,
    pratica: Awaited<ReturnType<typeof staffPratica>>['pratica'],
    service: Awaited<ReturnType<typeof staffPratica>>['service'],
    state: {
      esito: string
      form: ReturnType<typeof emptyMessageForm> & { errors: Record<string, unknown> }
    }
  ) {
    return ctx.view.render('backoffice/forward/outcome', {
      title: 'Registra esito',
      base: praticaBaseUrl(ctx.ente, pratica),
      serviceName: service.name,
      statusLabel: pratica.statusLabel,
      formatsHint: attachmentFormatsHint(),
      ...state,
    })
  }
}
