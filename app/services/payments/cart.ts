import type Ente from '#models/ente'
import type Citizen from '#models/citizen'
import PaymentPosition from '#models/payment_position'
import paymentManager from '#extension_points/payment/manager'
import { MAX_CART_POSITIONS } from '#extension_points/payment/contract'
import { ExtensionPointError, PaymentRefusedError } from '#extension_points/payment/errors'
import { checkoutPositions as openCheckout } from '#services/payments/checkout'
import { refreshPosition } from '#services/payments/reconcile'
import { absolute } from '#services/payments/payment_paths'
import { citizenPositions } from '#services/payments/personal_payments'

/**
 * The "Riepilogo carrello" of "Pagamenti": up to five notices (pagoPA's
 * limit) paid in one checkout with one fee, where the intermediary has the
 * `cart` capability. The cart is a list of position uuids in the session;
 * what it holds is checked again against the citizen's positions at every
 * use, so a stale or forged uuid never reaches the intermediary.
 */
export interface CartSession {
  get(key: string, fallback?: unknown): unknown
  put(key: string, value: unknown): void
}

const CART_KEY = 'payments_cart'
const CHECKOUT_KEY = 'payments_checkout'

export class CartError extends Error {}

/** What "Paga online" and the cart accept. */
export const CHECKOUT_STATES = ['PAYMENT_PENDING', 'PAYMENT_STARTED', 'PAYMENT_FAILED']

export function cartUuids(session: CartSession): string[] {
  const value = session.get(CART_KEY, [])
  return Array.isArray(value) ? value.map(String) : []
}

export function isPayableOnline(position: PaymentPosition) {
  return !!position.ref && CHECKOUT_STATES.includes(position.status)
}

/** Whether the position's intermediary takes carts. */
export async function cartCapable(ente: Ente, pluginId: string) {
  try {
    const { manifest } = await paymentManager.forEnte(ente, pluginId)
    return manifest.capabilities.cart === true
  } catch {
    return false
  }
}

/** Adds a payable position of the citizen; refuses a sixth or another intermediary's. */
export async function addToCart(ente: Ente, citizen: Citizen, session: CartSession, uuid: string) {
  const positions = await citizenPositions(ente, citizen, [...cartUuids(session), uuid])
  const added = positions.find((position) => position.uuid === uuid)
  if (!added || !isPayableOnline(added))
    throw new CartError('Questo avviso non si può pagare online.')
  const held = positions.filter((position) => position.uuid !== uuid && isPayableOnline(position))
  if (held.length >= MAX_CART_POSITIONS) {
    throw new CartError(
      `Il carrello contiene già ${MAX_CART_POSITIONS} avvisi: pagali prima di aggiungerne altri.`
    )
  }
  if (
    held.some((position) => position.pluginId !== added.pluginId) ||
    !(await cartCapable(ente, added.pluginId))
  ) {
    throw new CartError('Questo avviso si paga da solo: usa «Paga online» sul suo riquadro.')
  }
  session.put(CART_KEY, [...held.map((position) => position.uuid), uuid])
}

export function removeFromCart(session: CartSession, uuid: string) {
  session.put(
    CART_KEY,
    cartUuids(session).filter((held) => held !== uuid)
  )
}

/** The cart's positions still payable, in the order they were added. */
export async function cartPositions(ente: Ente, citizen: Citizen, session: CartSession) {
  const uuids = cartUuids(session)
  const positions = await citizenPositions(ente, citizen, uuids)
  return uuids
    .map((uuid) => positions.find((position) => position.uuid === uuid))
    .filter((position): position is PaymentPosition => !!position && isPayableOnline(position))
}

/**
 * "Paga ora": one checkout for the given positions (the cart, or one
 * notice's "Paga online"), marked PAYMENT_STARTED (a pratica waiting for
 * one follows: 1500 → 1510). Answers the checkout's address; the citizen
 * comes back to `/area-personale/pagamenti/esito`.
 */
export async function checkoutPositions(
  ente: Ente,
  session: CartSession,
  positions: PaymentPosition[]
) {
  if (positions.length === 0) throw new CartError('Non ci sono avvisi da pagare nel carrello.')
  if (positions.length > MAX_CART_POSITIONS) {
    throw new CartError(`Puoi pagare al massimo ${MAX_CART_POSITIONS} avvisi alla volta.`)
  }
  const { adapter, manifest } = await paymentManager.forEnte(ente, positions[0].pluginId)
  if (positions.length > 1 && !manifest.capabilities.cart) {
    throw new CartError(
      'L’intermediario dei pagamenti dell’ente non consente di pagare più avvisi insieme.'
    )
  }
  const landing = absolute(`/${ente.slug}/area-personale/pagamenti/esito`)
  try {
    const redirectUrl = await openCheckout(adapter, positions, landing)
    session.put(
      CHECKOUT_KEY,
      positions.map((position) => position.uuid)
    )
    return redirectUrl
  } catch (error) {
    if (error instanceof PaymentRefusedError) {
      await Promise.allSettled(positions.map((position) => refreshPosition(position, 'checkout')))
      throw new CartError(`${error.message} Controlla gli avvisi e riprova.`)
    }
    if (error instanceof ExtensionPointError) {
      throw new CartError('Il sistema dei pagamenti non risponde: riprova tra qualche minuto.')
    }
    throw error
  }
}

/**
 * Back from the checkout: the positions of the last checkout asked to the
 * intermediary now (notifications may come later, or never), the paid ones
 * taken out of the cart. Pending ones keep the page polling.
 */
export async function checkoutOutcome(ente: Ente, citizen: Citizen, session: CartSession) {
  const uuids = session.get(CHECKOUT_KEY, [])
  const positions = await citizenPositions(
    ente,
    citizen,
    Array.isArray(uuids) ? uuids.map(String) : []
  )
  for (const position of positions) {
    if (position.status === 'PAYMENT_STARTED') {
      await refreshPosition(position, 'landing').catch(() => false)
    }
  }
  const fresh = await citizenPositions(
    ente,
    citizen,
    positions.map((position) => position.uuid)
  )
  const paid = new Set(
    fresh.filter((position) => position.status === 'COMPLETE').map((p) => p.uuid)
  )
  session.put(
    CART_KEY,
    cartUuids(session).filter((uuid) => !paid.has(uuid))
  )
  return fresh
}
