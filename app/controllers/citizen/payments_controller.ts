import type { HttpContext } from '@adonisjs/core/http'
import type PaymentPosition from '#models/payment_position'
import NotFoundException from '#exceptions/not_found_exception'
import { MAX_CART_POSITIONS } from '#extension_points/payment/contract'
import { euro } from '#domain/payments/format'
import {
  citizenPosition,
  paymentCards,
  personalPayments,
  readDueFilter,
  sendReceipt,
} from '#services/payments/personal_payments'
import { syncOpenPositions } from '#services/payments/open_positions'
import {
  addToCart,
  cartCapable,
  cartPositions,
  CartError,
  checkoutOutcome,
  checkoutPositions,
  isPayableOnline,
  removeFromCart,
} from '#services/payments/cart'
import { noticeDocument } from '#services/payments/notice'

/**
 * "Pagamenti" of the personal area: Da pagare and Pagati (filtered by due
 * date), the open positions read from the intermediary, "Paga online",
 * "Paga offline" (the avviso), "Scarica ricevuta", and the cart of up to
 * five notices paid in one checkout.
 */
export default class PaymentsController {
  async index({ ente, auth, request, session, view }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const listed = await syncOpenPositions(ente, citizen)
    const filter = readDueFilter(request.qs())
    const { toPay, paid } = await personalPayments(ente, citizen, filter)
    const held = await cartPositions(ente, citizen, session)
    const cart = await paymentCards(ente, held)
    const payable = toPay.find((card) => card.payableOnline)
    const canCart = !!payable && (await cartCapable(ente, payable.pluginId))
    return view.render('pages/citizen/payments', {
      toPay,
      paid,
      filter,
      listed,
      cart,
      canCart,
      cartFull: cart.length >= MAX_CART_POSITIONS,
      cartTotal: euro(cart.reduce((sum, card) => sum + card.amountCents, 0)),
      inCart: cart.map((card) => card.uuid),
      maxCart: MAX_CART_POSITIONS,
      tab: request.input('vista') === 'pagati' ? 'pagati' : 'da-pagare',
    })
  }

  async addToCart(ctx: HttpContext) {
    const citizen = ctx.auth.use('citizen').getUserOrFail()
    try {
      await addToCart(ctx.ente, citizen, ctx.session, String(ctx.request.input('avviso', '')))
      ctx.session.flash('success', 'Avviso aggiunto al carrello.')
    } catch (error) {
      if (!(error instanceof CartError)) throw error
      ctx.session.flash('error', error.message)
    }
    return ctx.response.redirect(this.#listUrl(ctx))
  }

  async removeFromCart(ctx: HttpContext) {
    removeFromCart(ctx.session, String(ctx.request.input('avviso', '')))
    ctx.session.flash('success', 'Avviso tolto dal carrello.')
    return ctx.response.redirect(this.#listUrl(ctx))
  }

  /** "Paga ora" (the cart) or "Paga online" of one notice (`avviso`). */
  async pay(ctx: HttpContext) {
    const { ente, session, request, response } = ctx
    const citizen = ctx.auth.use('citizen').getUserOrFail()
    const one = request.input('avviso')
    const single = one ? await citizenPosition(ente, citizen, String(one)) : null
    const positions = one
      ? [single].filter((position) => position !== null && isPayableOnline(position))
      : await cartPositions(ente, citizen, session)
    try {
      return response.redirect(
        await checkoutPositions(ente, session, positions as PaymentPosition[])
      )
    } catch (error) {
      if (!(error instanceof CartError)) throw error
      session.flash('error', error.message)
      return response.redirect(this.#listUrl(ctx))
    }
  }

  /** Back from the checkout: the outcome, polling while it is pending. */
  async outcome({ ente, auth, request, session, view, response }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const positions = await checkoutOutcome(ente, citizen, session)
    const cancelled = request.input('annullato') === '1'
    const round = Number(request.input('verifica', 0)) || 0
    const pending =
      !cancelled && positions.some((position) => position.status === 'PAYMENT_STARTED')
    response.header('cache-control', 'no-store')
    return view.render('pages/citizen/payments_outcome', {
      cards: await paymentCards(ente, positions),
      cancelled,
      allPaid:
        positions.length > 0 && positions.every((position) => position.status === 'COMPLETE'),
      refresh: pending && round < 20 ? `?verifica=${round + 1}` : null,
      pending,
    })
  }

  /** "Paga offline": the avviso PDF. */
  async notice({ ente, auth, params, response }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const position = await citizenPosition(ente, citizen, params.position)
    if (!position?.hasNotice || position.status === 'COMPLETE') throw new NotFoundException()
    const document = await noticeDocument(ente, position)
    if ('url' in document) return response.redirect(document.url)
    response.header('content-type', 'application/pdf')
    response.header('content-disposition', `inline; filename="avviso-${position.noticeCode}.pdf"`)
    return response.send(Buffer.from(document.pdf))
  }

  /** "Scarica ricevuta pagamento". */
  async receipt({ ente, auth, params, response }: HttpContext) {
    const citizen = auth.use('citizen').getUserOrFail()
    const position = await citizenPosition(ente, citizen, params.position)
    if (!position || position.status !== 'COMPLETE') throw new NotFoundException()
    return sendReceipt(response, ente, position)
  }

  #listUrl(ctx: HttpContext) {
    return `/${ctx.ente.slug}/area-personale/pagamenti`
  }
}
