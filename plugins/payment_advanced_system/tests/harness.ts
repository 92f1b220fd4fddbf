import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import type { DebtPosition } from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import { SimulatorServer } from '#extension_points/simulator_server'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { simulatorRoutes, TEST_CARD } from '../simulator/routes.js'
import { countPositions, expire } from '../simulator/store.js'

/**
 * The simulated gateway on a local port (down means the port closed), and
 * the remote side the payment conformance suite plays through it.
 */
export async function startAdvancedSystem() {
  const remote = new SimulatorServer(simulatorRoutes)
  await remote.start()
  const config = {
    baseUrl: remote.url,
    apiKey: `chiave-${randomBytes(8).toString('hex')}`,
    // an ente of its own per run: the simulator binds an ente to the first key it sees
    codiceEnte: `8${randomBytes(5).toString('hex').replace(/\D/g, '1').padEnd(10, '0').slice(0, 10)}`,
    datiSpecificiRiscossione: '9/0101108TS/',
    timeoutMs: 1500,
  }
  return { remote, config }
}

/** The citizen on the checkout page: pays with the test card or leaves; answers where they are sent. */
export async function payOnCheckout(
  redirectUrl: string,
  outcome: 'paid' | 'cancelled',
  carta = TEST_CARD
) {
  const page = await fetch(redirectUrl)
  assert.equal(page.status, 200, 'the checkout page opens')
  const answer = await fetch(redirectUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ azione: outcome === 'paid' ? 'paga' : 'annulla', carta }),
  })
  return answer
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

export function advancedSystemHarness(remote: SimulatorServer): PaymentHarness {
  return {
    async reset() {
      clearFaults()
      await remote.start()
    },
    teardown: () => remote.stop(),
    async payAtCheckout(session, outcome) {
      const answer = await payOnCheckout(session.redirectUrl, outcome)
      assert.equal(answer.status, 302, 'the checkout sends the citizen back')
    },
    notificationFor() {
      throw new Error('the gateway does not push outcomes')
    },
    forgeNotification() {
      throw new Error('the gateway does not push outcomes')
    },
    countPositions,
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
