import type { HttpContext } from '@adonisjs/core/http'
import { requestOrigin } from '#services/audit/audit_log'
import { staffPratica, praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { praticaPageView } from '#services/backoffice/pratica/pratica_view'
import { emptyMessageForm } from '#services/personal_area/message_form'
import { refusalMessage } from '#services/backoffice/pratica/locked_pratica'
import { takeCharge, takeOver } from '#services/backoffice/pratica/take_charge'
import { assignInput, assignPratica, checkAssignment } from '#services/backoffice/pratica/assign'
import {
  changePriority,
  changeStatusByHand,
} from '#services/backoffice/pratica/priority_and_status'

/**
 * The buttons and side panels of the pratica page: Prendi in carico,
 * Subentra, Assegna, Cambio priorità, Cambio stato. Each answers with the
 * page again, with what happened on top, or a clear message when the
 * pratica moved meanwhile (another operator, a double click).
 */
export default class PraticaActionsController {
  private async act(ctx: HttpContext, action: () => Promise<unknown>, done: string) {
    const { session, response, ente, params } = ctx
    try {
      await action()
      session.flash('success', done)
    } catch (error) {
      session.flash('error', refusalMessage(error))
    }
    return response.redirect(praticaBaseUrl(ente, { uuid: params.pratica }))
  }

  private async context({ ente, auth, params, request }: HttpContext) {
    const user = auth.use('web').user!
    const { pratica, service } = await staffPratica(ente, user, params.pratica)
    return { pratica, service, user, by: { actor: user, origin: requestOrigin(request) } }
  }

  async takeCharge(ctx: HttpContext) {
    const { pratica, by } = await this.context(ctx)
    return this.act(ctx, () => takeCharge(pratica, by), 'Hai preso in carico la pratica.')
  }

  async takeOver(ctx: HttpContext) {
    const { pratica, by } = await this.context(ctx)
    const seen = Number(ctx.request.input('operatore')) || null
    return this.act(ctx, () => takeOver(pratica, seen, by), 'Sei subentrato nella pratica.')
  }

  async assign(ctx: HttpContext) {
    const { pratica, service, user, by } = await this.context(ctx)
    const input = assignInput(ctx.request.input('ufficio'), ctx.request.input('operatore'))
    const errors = await checkAssignment(pratica, input)
    if (!errors) {
      return this.act(ctx, () => assignPratica(pratica, input, by), 'La pratica è stata assegnata.')
    }
    const page = await praticaPageView(ctx.ente, user, pratica, service)
    ctx.response.status(422)
    return ctx.view.render('backoffice/pratica/show', {
      title: page.serviceName,
      page,
      messageForm: emptyMessageForm(),
      assignForm: { ...input, errors },
    })
  }

  async priority(ctx: HttpContext) {
    const { pratica, by } = await this.context(ctx)
    return this.act(
      ctx,
      () => changePriority(pratica, ctx.request.input('priorita'), by),
      'La priorità è stata cambiata.'
    )
  }

  async status(ctx: HttpContext) {
    const { pratica, by } = await this.context(ctx)
    const input = {
      to: ctx.request.input('stato'),
      seen: ctx.request.input('da'),
      message: ctx.request.input('messaggio'),
    }
    return this.act(ctx, () => changeStatusByHand(pratica, input, by), 'Lo stato è stato cambiato.')
  }
}
