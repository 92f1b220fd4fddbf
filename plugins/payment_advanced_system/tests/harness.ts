import { randomBytes } from 'node:crypto'
import type { PaymentHarness } from '#extension_points/payment/testing'
import {
  landingOf,
  simulatedRemoteHarness,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { SimulatorServer } from '#extension_points/simulator_server'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { simulatorRoutes } from '../simulator/routes.js'
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

export function advancedSystemHarness(remote: SimulatorServer): PaymentHarness {
  return simulatedRemoteHarness(remote, {
    clearFaults,
    async payAtCheckout(session, outcome) {
      await landingOf(await submitCheckout(session.redirectUrl, outcome))
    },
    countPositions,
    async expire(position) {
      await expire(position.iuv)
    },
    loseNextAnswer: () => injectFault('rispostaPersa'),
  })
}
