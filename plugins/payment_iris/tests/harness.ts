import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type { DebtPosition, PaymentAdapter } from '#extension_points/payment/contract'
import { TEST_ENTE } from '#extension_points/conformance'
import type { PaymentHarness } from '#extension_points/payment/testing'
import {
  checkoutThen,
  landingOf,
  simulatedRemoteHarness,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { SimulatorServer } from '#extension_points/simulator_server'
import { IRIS_PARTY } from '../documents.js'
import { informativaEnvelope } from '../simulator/documents.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { PSP } from '../simulator/payments.js'
import { GATEWAY_PATH, SOAP_PATHS, simulatorRoutes } from '../simulator/routes.js'
import { countPendenze, expire, latestNotification } from '../simulator/store.js'

/**
 * The simulated IRIS served on a local port (down means the port closed),
 * and the remote side the payment conformance suite plays through it: the
 * citizen on the gateway page, IRIS's pushes, its clock.
 */
export const ENTE = { codice: 'CPROVA', applicazione: 'SIL_CPROVA_SDC', tributo: 'SDC_ONERI' }
export const NOTIFICA = { username: 'iris-notifiche', password: 'segreto-delle-notifiche' }
export const NOTIFY_URL = `${TEST_ENTE.baseUrl}/callbacks/payment_iris/notify`

export async function startIris() {
  const remote = new SimulatorServer(simulatorRoutes)
  await remote.start()
  const config = {
    codiceEnte: ENTE.codice,
    codiceApplicazione: ENTE.applicazione,
    tipoPendenza: ENTE.tributo,
    codiceSegregazione: '01',
    endpointPosizioni: `${remote.url}${SOAP_PATHS.posizioni}`,
    endpointVerifica: `${remote.url}${SOAP_PATHS.verifica}`,
    notificaUsername: NOTIFICA.username,
    notificaPassword: NOTIFICA.password,
    timeoutMs: 1500,
  }
  return { remote, config }
}

function basic(username: string, password: string) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}

/** An HTTP request carrying IRIS's push, as the platform's notification route receives it. */
export function pushRequest(
  documento: string,
  authorization = basic(NOTIFICA.username, NOTIFICA.password)
): PluginHttpRequest {
  return {
    method: 'POST',
    url: NOTIFY_URL,
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      'soapaction': '"IdpInformativaPagamento"',
      'authorization': authorization,
    },
    query: {},
    body: documento,
    rawBody: documento,
  }
}

/** The citizen on the gateway page: pays with a card (the test card unless given), or leaves. */
export function submitOnGateway(
  redirectUrl: string,
  outcome: 'paid' | 'cancelled',
  carta?: string
) {
  const url = new URL(redirectUrl)
  assert.ok(url.pathname.endsWith(GATEWAY_PATH))
  const hidden = { token: url.searchParams.get('token') ?? '' }
  return submitCheckout(redirectUrl, outcome, { hidden, carta })
}

/** The citizen pays with the test card, or leaves; answers the landing URL. */
export async function payOnGateway(redirectUrl: string, outcome: 'paid' | 'cancelled') {
  return landingOf(await submitOnGateway(redirectUrl, outcome))
}

/** The platform opens the checkout of these positions and the citizen pays (or leaves); answers the landing URL. */
export function checkout(
  adapter: PaymentAdapter,
  positions: DebtPosition[],
  outcome: 'paid' | 'cancelled' = 'paid'
) {
  return checkoutThen(adapter, positions, (redirectUrl) => payOnGateway(redirectUrl, outcome))
}

export function irisHarness(remote: SimulatorServer): PaymentHarness {
  return simulatedRemoteHarness(remote, {
    clearFaults,
    async payAtCheckout(session, outcome) {
      await payOnGateway(session.redirectUrl, outcome)
    },
    async notificationFor(position) {
      const notification = await latestNotification(position.iuv)
      assert.ok(notification, `IRIS notified the payment of ${position.iuv}`)
      return pushRequest(notification.documento)
    },
    async forgeNotification(position) {
      const msgId = randomUUID().replaceAll('-', '')
      const documento = informativaEnvelope({
        header: {
          service: 'IdpInformativaPagamento',
          msgId,
          sender: IRIS_PARTY,
          receiver: { id: ENTE.codice, sys: ENTE.applicazione },
          createdAt: new Date().toISOString(),
        },
        pagati: [
          {
            idPendenza: position.positionId,
            tipoPendenza: ENTE.tributo,
            idPagamento: position.iuv,
            debitore: 'RSSMRA80A41H501Y',
            causale: 'Pagamento mai avvenuto',
            importoCents: 1550,
            pagatoIl: new Date().toISOString(),
            idTransazione: 'TRXFALSA',
            psp: PSP,
          },
        ],
      })
      return pushRequest(documento)
    },
    countPositions: countPendenze,
    async expire(position) {
      await expire(position.iuv)
    },
    loseNextAnswer: () => injectFault('rispostaPersa'),
  })
}
