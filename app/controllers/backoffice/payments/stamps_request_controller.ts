import type { HttpContext } from '@adonisjs/core/http'
import type Pratica from '#models/pratica'
import type { FieldErrors, StampItemInput } from '#domain/payments/payment_item'
import { praticaBaseUrl, staffPratica } from '#services/backoffice/pratica/pratica_scope'
import { listOf } from '#services/payments/config_rows'
import { applyStampsAction } from '#services/payments/stamps_config'
import { deferredRefusal } from '#services/payments/deferred_payments'
import { requestStampsAtRelease, StampError } from '#services/payments/stamps'
import { acting } from '#controllers/backoffice/services/editing'

/**
 * "Marche da bollo" of a pratica in charge of the operator (bolli in fase
 * di rilascio): causale and importo of each, "Aggiungi", "Elimina", "Invia".
 */
export default class StampsRequestController {
  async create(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    const refusal = await deferredRefusal(pratica, ctx.auth.use('web').user!.id)
    if (refusal || !service.stampSettings?.atRelease) {
      ctx.session.flash('error', refusal ?? 'Il servizio non prevede bolli in fase di rilascio.')
      return ctx.response.redirect(praticaBaseUrl(ctx.ente, pratica))
    }
    return this.#render(ctx, pratica, service.name, [{ causale: '', importo: '16,00' }], '')
  }

  async store(ctx: HttpContext) {
    const { pratica, service } = await this.#pratica(ctx)
    const items = listOf<StampItemInput>(ctx.request.input('bolli'))
    const message = String(ctx.request.input('messaggio', ''))
    const action = ctx.request.input('azione')
    if (action) {
      const input = { atRequest: items, atRelease: true }
      applyStampsAction(input, String(action))
      return this.#render(ctx, pratica, service.name, input.atRequest, message)
    }
    try {
      const result = await requestStampsAtRelease(
        ctx.ente,
        pratica,
        { items, message },
        acting(ctx)
      )
      if (!result.sent) {
        ctx.response.status(422)
        return this.#render(ctx, pratica, service.name, items, message, result.errors)
      }
      ctx.session.flash('success', 'Richiesta di marche da bollo inviata al cittadino.')
    } catch (error) {
      if (!(error instanceof StampError)) throw error
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect(praticaBaseUrl(ctx.ente, pratica))
  }

  #pratica(ctx: HttpContext) {
    return staffPratica(ctx.ente, ctx.auth.use('web').user!, ctx.params.pratica)
  }

  #render(
    ctx: HttpContext,
    pratica: Pratica,
    serviceName: string,
    items: StampItemInput[],
    message: string,
    errors: FieldErrors = {}
  ) {
    return ctx.view.render('pages/backoffice/payments/stamps', {
      title: `Marche da bollo - ${serviceName}`,
      serviceName,
      pratica,
      base: praticaBaseUrl(ctx.ente, pratica),
      items,
      message,
      errors,
    })
  }
}
