import assert from 'node:assert/strict'
import type { DebtPosition, PaymentAdapter } from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import { SimulatorServer } from '#extension_points/simulator_server'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { CHECKOUT_PATH, SOAP_PATHS, simulatorRoutes, TEST_CARD } from '../simulator/routes.js'
import { countPosizioni, expire } from '../simulator/store.js'

/**
 * The simulated Plug&Pay served on a local port (down means the port
 * closed), and the remote side the payment conformance suite plays
 * through it: the citizen on the checkout page, its clock.
 */
export const ENTE = { codice: '80000010000', applicazione: 'SDC-PROVA-0001', servizio: 'ONERI_SDC' }

export async function startPlugAndPay() {
  const remote = new SimulatorServer(simulatorRoutes)
  await remote.start()
  const config = {
    idApplicazione: ENTE.applicazione,
    codiceEnte: ENTE.codice,
    codiceServizio: ENTE.servizio,
    idGestionale: '07',
    codiceSegregazione: '01',
    endpointFeed: `${remote.url}${SOAP_PATHS.feed}`,
    endpointDeliver: `${remote.url}${SOAP_PATHS.deliver}`,
    endpointPayment: `${remote.url}${SOAP_PATHS.payment}`,
    endpointGeneratorPdf: `${remote.url}${SOAP_PATHS.generatorPdf}`,
    timeoutMs: 1500,
  }
  return { remote, config }
}

/** The citizen on the checkout page: pays with the test card, or leaves; answers where Plug&Pay sends them. */
export async function payOnCheckout(redirectUrl: string, outcome: 'paid' | 'cancelled') {
  const page = await fetch(redirectUrl)
  assert.equal(page.status, 200, 'the checkout page opens')
  const url = new URL(redirectUrl)
  assert.ok(url.pathname.endsWith(CHECKOUT_PATH))
  const answer = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      idTransazione: url.searchParams.get('idTransazione') ?? '',
      azione: outcome === 'paid' ? 'paga' : 'annulla',
      carta: TEST_CARD,
    }),
  })
  assert.equal(answer.status, 302, 'the checkout sends the citizen back')
  return answer.headers.get('location')!
}

export const RETURN_URLS = {
  success: 'http://127.0.0.1:3333/comune-di-prova/area-personale/pagamenti/esito?stato=ok',
  cancel: 'http://127.0.0.1:3333/comune-di-prova/area-personale/pagamenti/esito?stato=annullato',
}

export const refOf = ({ positionId, iuv, noticeCode }: DebtPosition) => ({
  positionId,
  iuv,
  noticeCode,
})

/** The platform opens the checkout of these positions and the citizen pays (or leaves). */
export async function checkout(
  adapter: PaymentAdapter,
  positions: DebtPosition[],
  outcome: 'paid' | 'cancelled' = 'paid'
) {
  const session = await adapter.startPayment({
    positions: positions.map(refOf),
    returnUrls: RETURN_URLS,
    payerEmail: 'maria.rossi@example.test',
  })
  return payOnCheckout(session.redirectUrl, outcome)
}

export function plugAndPayHarness(remote: SimulatorServer): PaymentHarness {
  return {
    async reset() {
      clearFaults()
      await remote.start()
    },
    teardown: () => remote.stop(),
    async payAtCheckout(session, outcome) {
      await payOnCheckout(session.redirectUrl, outcome)
    },
    notificationFor() {
      throw new Error('Plug&Pay does not push outcomes')
    },
    forgeNotification() {
      throw new Error('Plug&Pay does not push outcomes')
    },
    countPositions: countPosizioni,
    async expire(position) {
      await expire(position.iuv)
    },
    takeDown: () => remote.stop(),
    bringUp: () => remote.start(),
    async loseNextAnswer() {
      injectFault('rispostaPersa')
    },
  }
}
