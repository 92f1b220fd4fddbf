import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import {
  MAX_CART_POSITIONS,
  type PaymentAdapter,
  type PositionRef,
} from '#extension_points/payment/contract'
import { ExtensionPointError, PaymentRefusedError } from '#extension_points/payment/errors'
import { PAYABLE_STATES } from '#domain/payments/position_status'
import { applyRemoteStatus } from '#services/payments/apply_status'
import { latestAttemptPositions } from '#services/payments/positions'
import { refreshPosition } from '#services/payments/reconcile'
import { absolute, paymentPaths } from '#services/payments/payment_paths'

/**
 * Opens the intermediary's checkout for positions created there (one, or
 * a cart), returning to `landing` (`?annullato=1` when the citizen gives
 * up), and marks them PAYMENT_STARTED with the checkout's links (the
 * pratica follows: 1500 → 1510). Answers the checkout's address; the
 * adapter's errors are thrown.
 */
export async function checkoutPositions(
  adapter: PaymentAdapter,
  positions: PaymentPosition[],
  landing: string
) {
  const session = await adapter.startPayment({
    positions: positions.map((position) => position.ref as PositionRef),
    returnUrls: { success: landing, cancel: `${landing}?annullato=1` },
    payerEmail: positions[0].payer.email,
  })
  for (const position of positions) {
    await PaymentPosition.query()
      .where('id', position.id)
      .update({
        links: JSON.stringify({
          ...position.links,
          checkout: session.redirectUrl,
          checkoutId: session.checkoutId,
          landing,
        }),
      })
    await applyRemoteStatus(position.id, { status: 'PAYMENT_STARTED' }, 'checkout')
  }
  return session.redirectUrl
}

/** "Paga online" cannot start now; the message says why, in Italian. */
export class CheckoutUnavailableError extends Error {}

const PAYABLE_FOR_CHECKOUT = [...PAYABLE_STATES, 'PAYMENT_FAILED']

/**
 * "Paga online": opens the intermediary's checkout for the unpaid
 * positions of the pratica's current attempt (all in one cart when the
 * intermediary has carts, else the first), marks them PAYMENT_STARTED
 * (the pratica goes 1500 → 1510) and answers where to send the citizen.
 * The checkout sends them back to the landing page, which learns the outcome.
 */
export async function startOnlinePayment(ente: Ente, pratica: Pratica): Promise<string> {
  const positionsNow = await latestAttemptPositions(pratica.id)
  const unpaid = positionsNow.filter((position) => PAYABLE_FOR_CHECKOUT.includes(position.status))
  if (unpaid.length === 0) {
    throw new CheckoutUnavailableError(
      'Non ci sono avvisi da pagare: attendi la creazione del pagamento o ricarica la pagina.'
    )
  }
  const { adapter, manifest } = await paymentManager.forEnte(ente, unpaid[0].pluginId)
  const positions = manifest.capabilities.cart
    ? unpaid.slice(0, MAX_CART_POSITIONS)
    : unpaid.slice(0, 1)
  const paths = paymentPaths(ente.slug, pratica.uuid)
  try {
    return await checkoutPositions(adapter, positions, absolute(paths.landing))
  } catch (error) {
    if (error instanceof PaymentRefusedError) {
      // already paid or expired meanwhile: the positions learn it, the page shows it
      await Promise.allSettled(positions.map((position) => refreshPosition(position, 'checkout')))
      throw new CheckoutUnavailableError(error.message)
    }
    if (error instanceof ExtensionPointError) {
      throw new CheckoutUnavailableError(
        'Il sistema dei pagamenti non risponde: riprova tra qualche minuto.'
      )
    }
    throw error
  }
}
