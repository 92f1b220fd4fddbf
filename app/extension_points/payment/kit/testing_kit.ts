import assert from 'node:assert/strict'
import type {
  PluginContext,
  PluginHttpRequest,
  PluginHttpResponse,
  PluginRoute,
} from '#extension_points/define_plugin'
import { TEST_ENTE } from '#extension_points/conformance'
import type { DebtPosition, PaymentAdapter, PositionRef } from '#extension_points/payment/contract'
import { TEST_PAYER, type PaymentHarness } from '#extension_points/payment/testing'
import type { SimulatorServer } from '#extension_points/simulator_server'
import { TEST_CARD } from './simulator_kit.js'

/**
 * What a payment plugin's own tests repeat: the platform's return
 * addresses, a position to work on, the citizen submitting the simulator's
 * checkout form, the conformance harness of a remote that is polled (no
 * pushes), and the browser arriving at the plugin's return route.
 */
export const TEST_RETURN_URLS = {
  success: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=ok`,
  cancel: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=annullato`,
}

/** Only the identifiers: what the platform keeps of a position. */
export const refOf = ({ positionId, iuv, noticeCode }: PositionRef): PositionRef => ({
  positionId,
  iuv,
  noticeCode,
})

/** A position of 25 € for the test payer; the same key answers the same position. */
export function newTestPosition(adapter: PaymentAdapter, key = `guasti-${Math.random()}`) {
  return adapter.createPosition({
    idempotencyKey: key,
    payer: { ...TEST_PAYER },
    amountCents: 2500,
    description: 'Diritti di segreteria',
  })
}

/** A new position and the checkout the platform opens for it. */
export async function positionAtCheckout(adapter: PaymentAdapter) {
  const position = await newTestPosition(adapter)
  const session = await adapter.startPayment({
    positions: [refOf(position)],
    returnUrls: TEST_RETURN_URLS,
  })
  return { position, session }
}

/** The position's status as the remote reports it now. */
export async function statusOf(adapter: PaymentAdapter, position: PositionRef) {
  const { status } = await adapter.getStatus(refOf(position))
  return status
}

/**
 * The citizen on a simulator's checkout page: it opens (200), then the form
 * is posted with `azione` paga (the test card, or `carta`) or annulla and the
 * page's own hidden fields. Answers the form's response, not followed.
 */
export async function submitCheckout(
  pageUrl: string,
  outcome: 'paid' | 'cancelled',
  options: { hidden?: Record<string, string>; carta?: string } = {}
) {
  const page = await fetch(pageUrl)
  assert.equal(page.status, 200, 'the checkout page opens')
  return fetch(pageUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...options.hidden,
      azione: outcome === 'paid' ? 'paga' : 'annulla',
      carta: options.carta ?? TEST_CARD,
    }),
  })
}

/** Where the checkout sends the citizen back (it must redirect). */
export async function landingOf(answer: Response) {
  assert.equal(answer.status, 302, 'the checkout sends the citizen back')
  return answer.headers.get('location')!
}

/** The platform opens the checkout of these positions; `pay` plays the citizen on the page. */
export async function checkoutThen<T>(
  adapter: PaymentAdapter,
  positions: DebtPosition[],
  pay: (redirectUrl: string) => Promise<T>,
  returnUrls = TEST_RETURN_URLS
) {
  const session = await adapter.startPayment({
    positions: positions.map(refOf),
    returnUrls,
    payerEmail: TEST_PAYER.email,
  })
  return pay(session.redirectUrl)
}

/**
 * The conformance harness of a simulator served by a SimulatorServer (down
 * means the port closed) whose outcomes the platform polls; a remote that
 * pushes replaces `notificationFor` and `forgeNotification`.
 */
export function simulatedRemoteHarness(
  remote: SimulatorServer,
  remoteSide: Pick<PaymentHarness, 'payAtCheckout' | 'countPositions' | 'expire'> &
    Partial<Pick<PaymentHarness, 'notificationFor' | 'forgeNotification'>> & {
      clearFaults(): void
      loseNextAnswer(): void
    }
): PaymentHarness {
  const noPush = () => {
    throw new Error('the remote does not push outcomes: the platform polls')
  }
  return {
    async reset() {
      remoteSide.clearFaults()
      await remote.start()
    },
    teardown: () => remote.stop(),
    payAtCheckout: remoteSide.payAtCheckout,
    notificationFor: remoteSide.notificationFor ?? noPush,
    forgeNotification: remoteSide.forgeNotification ?? noPush,
    countPositions: remoteSide.countPositions,
    expire: remoteSide.expire,
    takeDown: () => remote.stop(),
    bringUp: () => remote.start(),
    async loseNextAnswer() {
      remoteSide.loseNextAnswer()
    },
  }
}

/** The citizen's browser arriving at a plugin's GET route (its return route) from this address. */
export async function arriveAt(
  route: PluginRoute<PaymentAdapter, any>,
  location: string,
  context: Partial<PluginContext<unknown>> = {}
): Promise<PluginHttpResponse> {
  const url = new URL(location)
  const request: PluginHttpRequest = {
    method: 'GET',
    url: url.toString(),
    headers: {},
    query: Object.fromEntries(url.searchParams),
    body: null,
    rawBody: null,
  }
  return route.handler({
    request,
    context: { ente: TEST_ENTE, ...context } as PluginContext<unknown>,
    adapter: {} as PaymentAdapter,
  })
}
