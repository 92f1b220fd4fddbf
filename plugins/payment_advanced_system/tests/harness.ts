import assert from 'node:assert/strict'
import { randomBytes, randomUUID } from 'node:crypto'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type { PositionRef } from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import {
  landingOf,
  simulatedRemoteHarness,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { SimulatorServer } from '#extension_points/simulator_server'
import { FIRMA_HEADER, type Esito } from '../api.js'
import { signPush } from '../push_signature.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { expireAndPush, pushSchedule } from '../simulator/push.js'
import { simulatorRoutes } from '../simulator/routes.js'
import { configurePush, countPositions } from '../simulator/store.js'
import { PlatformInbox } from './platform_inbox.js'

/**
 * The simulated gateway on a local port (down means the port closed), the
 * platform's notification address it pushes to, and the remote side the
 * payment conformance suite plays through them.
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
    chiaveNotifiche: randomBytes(32).toString('hex'),
    timeoutMs: 1500,
  }
  return { remote, config }
}

type Config = Awaited<ReturnType<typeof startAdvancedSystem>>['config']

/**
 * The ente sets its notification address and key in the gateway's back
 * office: from now on the simulator pushes to the inbox, retrying within
 * tens of milliseconds instead of minutes.
 */
export async function pushTo(inbox: PlatformInbox, config: Config) {
  pushSchedule.delaysMs = [50, 100, 200]
  await configurePush(config.codiceEnte, config.apiKey, {
    url: inbox.url,
    chiave: config.chiaveNotifiche,
  })
}

/** An outcome push as the gateway would sign it, with another key (or none): what a forger can send. */
export function forgedPush(esito: Omit<Esito, 'inviatoIl'>, chiave?: string): PluginHttpRequest {
  const rawBody = JSON.stringify({ ...esito, inviatoIl: new Date().toISOString() })
  return {
    method: 'POST',
    url: 'http://127.0.0.1:3333/comune-di-prova/callbacks/payment_advanced_system/notify',
    headers: {
      'content-type': 'application/json',
      ...(chiave ? { [FIRMA_HEADER]: signPush(rawBody, chiave) } : {}),
    },
    query: {},
    body: JSON.parse(rawBody),
    rawBody,
  }
}

/** A payment the gateway never took, for this position. */
export function paidClaim(position: PositionRef): Omit<Esito, 'inviatoIl'> {
  return {
    idEvento: randomUUID(),
    iuv: position.iuv,
    stato: 'PAGATA',
    pagamento: {
      data: new Date().toISOString(),
      importo: 1550,
      idRicevuta: 'RICFALSA',
      psp: 'Banca Inesistente',
    },
  }
}

export function advancedSystemHarness(remote: SimulatorServer, config: Config): PaymentHarness {
  const inbox = new PlatformInbox()
  const remoteSide = simulatedRemoteHarness(remote, {
    clearFaults,
    async payAtCheckout(session, outcome) {
      await landingOf(await submitCheckout(session.redirectUrl, outcome))
    },
    async notificationFor(position) {
      const [push] = await inbox.waitFor(position.iuv, { stato: 'PAGATA' })
      assert.ok(push, `the gateway pushed the payment of ${position.iuv}`)
      return push
    },
    forgeNotification: async (position) =>
      forgedPush(paidClaim(position), randomBytes(32).toString('hex')),
    countPositions,
    expire: (position) => expireAndPush(position.iuv),
    loseNextAnswer: () => injectFault('rispostaPersa'),
  })
  return {
    ...remoteSide,
    async setup() {
      await inbox.start()
      await pushTo(inbox, config)
    },
    async teardown() {
      await remoteSide.teardown?.()
      await inbox.stop()
    },
  }
}
