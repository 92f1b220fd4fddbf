import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { PraticaStatus } from '#domain/pratica_status'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { actingCitizen, praticaWithService } from '#services/pratiche/pratica_access'
import { StaleStatusError } from '#services/pratiche/change_status'
import { paymentStep } from '#services/pratiche/payment_step'
import { PAYMENT_STEP_STATES } from '#domain/pratica_status'
import { CheckoutUnavailableError, startOnlinePayment } from '#services/payments/checkout'
import { noticeDocument } from '#services/payments/notice'
import { retryPayment } from '#services/payments/retry_payment'
import { landingState } from '#services/payments/landing'
import { positionOfEnte } from '#services/payments/positions'

/**
 * The payment step of a pratica: "Scegli la modalità di pagamento" (Paga
 * online, Stampa e paga), the landing page after the checkout and its
 * status for the polling script, the avviso PDF, "Riprova". Open to whoever
 * may open the pratica (pratica_access.ts), 404 to anyone else.
 */
export default class PraticaPaymentController {
  /** GET /:ente/pratiche/:pratica/pagamento */
  async show(ctx: HttpContext) {
    const { ente, response, view } = ctx
    const { pratica, service } = await praticaWithService(ctx)
    const paths = praticaPaths(ente.slug, pratica.uuid)
    if (pratica.status === PraticaStatus.DRAFT) return response.redirect().toPath(paths.compile)
    if (!PAYMENT_STEP_STATES.includes(pratica.status)) {
      return response.redirect().toPath(paths.receipt)
    }
    return view.render('payments/step', {
      pratica,
      service,
      paths,
      step: await paymentStep(ente, pratica, service),
    })
  }

  /** POST /:ente/pratiche/:pratica/pagamento/online: "Paga online" */
  async online(ctx: HttpContext) {
    const { ente, response, session } = ctx
    const { pratica } = await praticaWithService(ctx)
    const paths = praticaPaths(ente.slug, pratica.uuid)
    try {
      return response.redirect(await startOnlinePayment(ente, pratica))
    } catch (error) {
      if (!(error instanceof CheckoutUnavailableError)) throw error
      session.flash('error', error.message)
      return response.redirect().toPath(paths.payment)
    }
  }

  /** GET /:ente/pratiche/:pratica/pagamento/esito: back from the checkout */
  async landing(ctx: HttpContext) {
    const { ente, request, view } = ctx
    const { pratica, service } = await praticaWithService(ctx)
    const state = await landingState(ente, pratica)
    return view.render('payments/landing', {
      pratica,
      service,
      paths: praticaPaths(ente.slug, pratica.uuid),
      result: state,
      cancelled: request.input('annullato') === '1',
    })
  }

  /** GET /:ente/pratiche/:pratica/pagamento/stato: the landing page's polling */
  async status(ctx: HttpContext) {
    const { ente, response } = ctx
    const { pratica } = await praticaWithService(ctx)
    const state = await landingState(ente, pratica)
    response.header('cache-control', 'no-store')
    return { outcome: state.outcome, done: state.done, status: state.status, label: state.label }
  }

  /** GET /:ente/pratiche/:pratica/pagamento/avvisi/:position: "Stampa e paga" */
  async notice(ctx: HttpContext) {
    const { ente, params, response } = ctx
    const { pratica } = await praticaWithService(ctx)
    const position = await positionOfEnte(ente, params.position)
    if (!position || position.praticaId !== pratica.id || !position.hasNotice)
      throw new NotFoundException()
    const document = await noticeDocument(ente, position)
    if ('url' in document) return response.redirect(document.url)
    response.header('content-type', 'application/pdf')
    response.header('content-disposition', `inline; filename="avviso-${position.noticeCode}.pdf"`)
    return response.send(Buffer.from(document.pdf))
  }

  /** POST /:ente/pratiche/:pratica/pagamento/riprova: a new attempt after "Pagamento rifiutato" */
  async retry(ctx: HttpContext) {
    const { ente, response, session } = ctx
    const { pratica, visitor } = await praticaWithService(ctx)
    const citizen = await actingCitizen(visitor)
    try {
      await retryPayment(ente, pratica.id, {
        type: 'citizen',
        id: citizen?.id,
        name: citizen?.fullName,
      })
      session.flash('success', 'Abbiamo creato un nuovo avviso di pagamento.')
    } catch (error) {
      if (!(error instanceof StaleStatusError)) throw error
      session.flash('error', error.message)
    }
    return response.redirect().toPath(praticaPaths(ente.slug, pratica.uuid).payment)
  }
}
