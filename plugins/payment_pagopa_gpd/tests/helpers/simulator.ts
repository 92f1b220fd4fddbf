import assert from 'node:assert/strict'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import {
  PAYMENT_PATHS,
  type CheckoutSession,
  type PositionRef,
} from '#extension_points/payment/contract'
import type { PaymentHarness } from '#extension_points/payment/testing'
import { SimulatorServer } from '#extension_points/simulator_server'
import { TEST_ENTE } from '#extension_points/conformance'
import { paSendRtV2For } from '../../simulator/delivery.js'
import { faults } from '../../simulator/faults.js'
import { SIMULATED_TEMPLATE } from '../../simulator/print_api.js'
import { paSendRtV2Envelope } from '../../simulator/receipt_document.js'
import { simulatorRoutes } from '../../simulator/routes.js'
import { countPositions, moveDueDateToPast } from '../../simulator/store.js'

/**
 * pagoPA's simulator on a local port, the plugin's configuration pointing
 * at it, and the conformance harness driving it: the citizen at Checkout's
 * page, the Nodo's paSendRTV2 to the ente's station, outages (the port
 * closed) and lost answers (an answer held past the client's timeout).
 */
export const ORGANIZATION = TEST_ENTE.codiceFiscale
export const STATION = { brokerId: '80000010000', stationId: '80000010000_01' }
export const NOTIFY_URL = `${TEST_ENTE.baseUrl}/callbacks/payment_pagopa_gpd${PAYMENT_PATHS.notification}`
/** the client gives up after 1 s; a lost answer comes after 1.5 s */
const LOST_ANSWER_DELAY_MS = 1500

export async function startGpdSimulator() {
  const remote = new SimulatorServer(simulatorRoutes)
  await remote.start()

  const config = {
    auxDigit: '3',
    segregationCode: '47',
    brokerId: STATION.brokerId,
    stationId: STATION.stationId,
    iban: 'IT60X0542811101000000123456',
    defaultCategory: '9/0101108TS/',
    gpdBaseUrl: `${remote.url}/gpd/debt-positions-service/v1`,
    receiptsBaseUrl: `${remote.url}/gpd/payments-receipts-service/v1`,
    gpdSubscriptionKey: 'chiave-gpd-di-prova',
    checkoutBaseUrl: `${remote.url}/checkout/ec/v2`,
    checkoutSubscriptionKey: 'chiave-checkout-di-prova',
    printBaseUrl: `${remote.url}/print-payment-notice-service/external/v1`,
    printSubscriptionKey: 'chiave-stampa-di-prova',
    printTemplateId: SIMULATED_TEMPLATE.templateId,
    timeoutSeconds: 1,
  }

  const harness: PaymentHarness = {
    async reset() {
      faults.clear()
      await remote.start()
    },
    teardown: () => remote.stop(),
    async payAtCheckout(session, outcome) {
      const answer = await payAtCheckout(session, outcome)
      assert.equal(answer.status, 303, 'Checkout sends the citizen back to the ente')
    },
    async notificationFor(position) {
      const request = await paSendRtV2For(ORGANIZATION, position.iuv, {
        ...STATION,
        url: NOTIFY_URL,
      })
      assert.ok(request, `no receipt for ${position.iuv}`)
      return request
    },
    forgeNotification: async (position) => forgedPaSendRt(position),
    countPositions,
    expire: (position) => moveDueDateToPast(ORGANIZATION, position.positionId),
    takeDown: () => remote.stop(),
    bringUp: () => remote.start(),
    async loseNextAnswer() {
      faults.arm('createPosition', { kind: 'loseAnswer', delayMs: LOST_ANSWER_DELAY_MS })
    },
  }

  return { remote, config, harness }
}

/** The address the Checkout page's form posts to, read from the page as a browser would. */
export async function checkoutForm(session: CheckoutSession) {
  const page = await fetch(session.redirectUrl)
  assert.equal(page.status, 200, 'the checkout page opens')
  const action = /<form method="POST" action="([^"]+)"/.exec(await page.text())?.[1]
  assert.ok(action, 'the checkout page has its form')
  return new URL(action, session.redirectUrl)
}

/** The citizen submits the Checkout form ("Paga" or "Annulla"). */
export function submitCheckout(
  action: URL,
  outcome: 'paid' | 'cancelled',
  card = '4242 4242 4242 4242'
) {
  return fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      numeroCarta: card,
      scadenza: '12/30',
      cvv: '123',
      azione: outcome === 'paid' ? 'paga' : 'annulla',
    }),
    redirect: 'manual',
  })
}

/** The citizen at Checkout's page: opens it and pays or cancels. */
export async function payAtCheckout(session: CheckoutSession, outcome: 'paid' | 'cancelled') {
  return submitCheckout(await checkoutForm(session), outcome)
}

/** A paSendRTV2 for a position nobody paid, as a forger would write it. */
export function forgedPaSendRt(position: PositionRef): PluginHttpRequest {
  const envelope = paSendRtV2Envelope({
    idPA: ORGANIZATION,
    idBrokerPA: STATION.brokerId,
    idStation: STATION.stationId,
    receiptId: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0',
    noticeNumber: position.noticeCode,
    fiscalCode: ORGANIZATION,
    creditorReferenceId: position.iuv,
    amountCents: 1550,
    description: 'Pagamento',
    companyName: TEST_ENTE.name,
    debtor: { type: 'F', fiscalCode: 'RSSMRA80A41H501Y', fullName: 'Maria Rossi' },
    transfers: [
      {
        idTransfer: '1',
        amountCents: 1550,
        fiscalCodePA: ORGANIZATION,
        iban: 'IT60X0542811101000000123456',
        remittanceInformation: 'Pagamento',
        transferCategory: '9/0101108TS/',
      },
    ],
    idPSP: 'FALSO01',
    pspCompanyName: 'Nessuno',
    idChannel: 'FALSO01_01',
    channelDescription: 'falso',
    paymentMethod: 'creditCard',
    feeCents: 0,
    paidAt: new Date(),
    metadata: [],
  })
  return {
    method: 'POST',
    url: NOTIFY_URL,
    headers: { 'content-type': 'text/xml; charset=utf-8', 'soapaction': 'paSendRTV2' },
    query: {},
    body: envelope,
    rawBody: envelope,
  }
}
