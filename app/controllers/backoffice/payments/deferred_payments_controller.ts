import type { HttpContext } from '@adonisjs/core/http'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import type { FieldErrors, PaymentItemInput } from '#domain/payments/payment_item'
import { DATI_SPECIFICI_HELP } from '#domain/payments/dati_specifici_riscossione'
import { praticaBaseUrl, staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { applyPaymentsAction, readPaymentsInput } from '#services/payments/payment_config'
import { taxonomyChoices } from '#services/payments/taxonomy'
import {
  deferredDraft,
  deferredRefusal,
  DeferredPaymentError,
  sendDeferredPayments,
} from '#services/payments/deferred_payments'
import { acting } from '#controllers/backoffice/services/editing'

/**
 * "Pagamento posticipato" of a pratica in charge of the operator: the
 * service's deferred payments, editable per pratica, and "Invia".
 */
export default class DeferredPaymentsController {
  async create(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    const refusal = await deferredRefusal(pratica, ctx.auth.use('web').user!.id)
    if (refusal) return this.#back(ctx, pratica, refusal)
    return this.#render(ctx, pratica, service, deferredDraft(pratica, service), '')
  }

  async store(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    const items = readPaymentsInput(ctx.request.only(['deferred'])).deferred
    const message = String(ctx.request.input('messaggio', ''))
    const action = ctx.request.input('azione')
    if (action) {
      const input = { atRequest: [], deferred: items }
      applyPaymentsAction(input, String(action))
      return this.#render(ctx, pratica, service, input.deferred, message)
    }
    try {
      const result = await sendDeferredPayments(
        ctx.ente,
        pratica,
        service,
        { items, message },
        acting(ctx)
      )
      if (!result.sent) {
        ctx.response.status(422)
        return this.#render(ctx, pratica, service, items, message, result.errors)
      }
      ctx.session.flash(
        'success',
        result.exempt
          ? 'Il cittadino è esente dal pagamento: la pratica è stata approvata.'
          : 'Richiesta di pagamento inviata: la pratica sarà approvata quando il cittadino avrà pagato.'
      )
    } catch (error) {
      if (!(error instanceof DeferredPaymentError)) throw error
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect(praticaBaseUrl(ctx.ente, pratica))
  }

  #pratica(ctx: HttpContext) {
    return staffPratica(ctx.ente, ctx.auth.use('web').user!, ctx.params.pratica)
  }

  #back(ctx: HttpContext, pratica: Pratica, message: string) {
    ctx.session.flash('error', message)
    return ctx.response.redirect(praticaBaseUrl(ctx.ente, pratica))
  }

  async #render(
    ctx: HttpContext,
    pratica: Pratica,
    service: Service,
    items: PaymentItemInput[],
    message: string,
    errors: FieldErrors = {}
  ) {
    const choices = await taxonomyChoices()
    return ctx.view.render('pages/backoffice/payments/deferred', {
      title: `Pagamento posticipato - ${service.name}`,
      serviceName: service.name,
      pratica,
      base: praticaBaseUrl(ctx.ente, pratica),
      items,
      message,
      errors,
      categories: choices.map((entry) => ({ value: entry.code, label: entry.label })),
      datiSpecificiHelp: DATI_SPECIFICI_HELP,
    })
  }
}
