import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import type Pratica from '#models/pratica'
import { staffPratica, praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { positionOfEnte } from '#services/payments/positions'
import { sendReceipt } from '#services/payments/personal_payments'
import {
  canRegisterPayment,
  checkRegisterInput,
  registerPayment,
  RegisterPaymentError,
  type RegisterErrors,
} from '#services/payments/register_payment'
import { acting } from '#controllers/backoffice/services/editing'

/**
 * The payments of a pratica in the backoffice: "Registra pagamento" and the
 * receipt of a paid position, behind the pratica page's 404 rules (the
 * operator's ente, a service they are enabled for).
 */
export default class PraticaPaymentsController {
  async registerForm(ctx: HttpContext) {
    const { pratica, service } = await staffPratica(
      ctx.ente,
      ctx.auth.use('web').user!,
      ctx.params.pratica
    )
    return this.#render(ctx, pratica, service.name, { motivazione: '', destinazione: 'nota' })
  }

  async register(ctx: HttpContext) {
    const { ente, session, response, request } = ctx
    const { pratica, service } = await staffPratica(
      ente,
      ctx.auth.use('web').user!,
      ctx.params.pratica
    )
    const posted = request.only(['motivazione', 'destinazione'])
    const { input, errors } = checkRegisterInput(posted)
    if (Object.keys(errors).length) {
      response.status(422)
      return this.#render(ctx, pratica, service.name, posted, errors)
    }
    try {
      await registerPayment(ente, pratica, service, input, acting(ctx))
      session.flash('success', 'Pagamento registrato.')
    } catch (error) {
      if (!(error instanceof RegisterPaymentError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect(`${praticaBaseUrl(ente, pratica)}#pagamento`)
  }

  async receipt({ ente, auth, params, response }: HttpContext) {
    const { pratica } = await staffPratica(ente, auth.use('web').user!, params.pratica)
    const position = await positionOfEnte(ente, params.position)
    if (!position || position.praticaId !== pratica.id || position.status !== 'COMPLETE') {
      throw new NotFoundException()
    }
    return sendReceipt(response, ente, position)
  }

  #render(
    ctx: HttpContext,
    pratica: Pratica,
    serviceName: string,
    values: Record<string, unknown>,
    errors: RegisterErrors = {}
  ) {
    return ctx.view.render('pages/backoffice/payments/register', {
      title: `Registra pagamento - ${serviceName}`,
      serviceName,
      pratica,
      base: praticaBaseUrl(ctx.ente, pratica),
      allowed: canRegisterPayment(pratica),
      values,
      errors,
    })
  }
}
