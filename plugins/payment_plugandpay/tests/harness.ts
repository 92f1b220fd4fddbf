import assert from 'node:assert/strict'
import type { DebtPosition, PaymentAdapter } from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import {
  checkoutThen,
  landingOf,
  simulatedRemoteHarness,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { SimulatorServer } from '#extension_points/simulator_server'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { CHECKOUT_PATH, SOAP_PATHS, simulatorRoutes } from '../simulator/routes.js'
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

/** The citizen on the checkout page: pays with a card (the test card unless given), or leaves. */
export function submitOnCheckout(
  redirectUrl: string,
  outcome: 'paid' | 'cancelled',
  carta?: string
) {
  const url = new URL(redirectUrl)
  assert.ok(url.pathname.endsWith(CHECKOUT_PATH))
  const hidden = { idTransazione: url.searchParams.get('idTransazione') ?? '' }
  return submitCheckout(redirectUrl, outcome, { hidden, carta })
}

/** The citizen pays with the test card, or leaves; answers where Plug&Pay sends them. */
export async function payOnCheckout(redirectUrl: string, outcome: 'paid' | 'cancelled') {
  return landingOf(await submitOnCheckout(redirectUrl, outcome))
}

/** The platform opens the checkout of these positions and the citizen pays (or leaves). */
export function checkout(
  adapter: PaymentAdapter,
  positions: DebtPosition[],
  outcome: 'paid' | 'cancelled' = 'paid'
) {
  return checkoutThen(adapter, positions, (redirectUrl) => payOnCheckout(redirectUrl, outcome))
}

export function plugAndPayHarness(remote: SimulatorServer): PaymentHarness {
  return simulatedRemoteHarness(remote, {
    clearFaults,
    async payAtCheckout(session, outcome) {
      await payOnCheckout(session.redirectUrl, outcome)
    },
    countPositions: countPosizioni,
    async expire(position) {
      await expire(position.iuv)
    },
    loseNextAnswer: () => injectFault('rispostaPersa'),
  })
}
