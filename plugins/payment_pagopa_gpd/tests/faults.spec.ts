import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from '@japa/runner'
import type {
  PaymentAdapter,
  DebtPositionInput,
  PositionRef,
} from '#extension_points/payment/contract'
import { RemoteUnavailableError } from '#extension_points/payment/errors'
import { deliverReceipt } from '../simulator/delivery.js'
import { faults } from '../simulator/faults.js'
import { countPositions, forgetStation, receiptOf, registerStation } from '../simulator/store.js'
import { identifiersFor } from '../identifiers.js'
import { adapterOver } from './helpers/checked_fetch.js'
import {
  checkoutForm,
  ORGANIZATION,
  payAtCheckout,
  startGpdSimulator,
  STATION,
  submitCheckout,
} from './helpers/simulator.js'

/**
 * pagoPA failing in the ways that lose or double payments elsewhere: a 500
 * before or after the work is done, an answer that never comes (timeout),
 * and answers given twice (the same receipt delivered twice, "Paga" sent
 * twice). After each, one position, one payment, one receipt.
 */
const { remote, config, harness } = await startGpdSimulator()
const RETURN_URLS = {
  success: 'https://servizi.example.it/comune-di-prova/pagamenti/esito?stato=ok',
  cancel: 'https://servizi.example.it/comune-di-prova/pagamenti/esito?stato=annullato',
}

function input(): DebtPositionInput {
  return {
    idempotencyKey: `pratica:${randomUUID()}:payment:1`,
    payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
    amountCents: 2500,
    description: 'Occupazione suolo pubblico',
  }
}

const refOf = (position: PositionRef): PositionRef => ({
  positionId: position.positionId,
  iuv: position.iuv,
  noticeCode: position.noticeCode,
})

async function failure(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

async function paid(adapter: PaymentAdapter) {
  const position = await adapter.createPosition(input())
  const session = await adapter.startPayment({
    positions: [refOf(position)],
    returnUrls: RETURN_URLS,
  })
  await payAtCheckout(session, 'paid')
  return position
}

/** The ente's station: answers each paSendRTV2 with what the adapter makes of it. */
async function stationServer(adapter: PaymentAdapter) {
  const received: Array<{ eventId: string; status: string }> = []
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const rawBody = Buffer.concat(chunks).toString('utf8')
    const notification = await adapter.parseNotification!({
      method: 'POST',
      url: request.url ?? '/',
      headers: request.headers,
      query: {},
      body: rawBody,
      rawBody,
    })
    received.push({ eventId: notification.eventId, status: notification.outcomes[0].status })
    response.writeHead(200, notification.response?.headers).end(notification.response?.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) }
}

test.group('payment_pagopa_gpd under faults', (group) => {
  group.each.setup(() => harness.reset!())
  group.each.teardown(() => forgetStation(ORGANIZATION))
  group.teardown(() => remote.stop())

  test('GPD answers 500 before creating: retryable, the retry creates one position', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const before = await countPositions()
    const data = input()
    faults.arm('createPosition', { kind: 'fail', status: 500 })
    const error = await failure(adapter.createPosition(data))
    assert.instanceOf(error, RemoteUnavailableError)
    assert.equal((error as RemoteUnavailableError).reason, 'http_500')
    assert.equal(await countPositions(), before)
    await adapter.createPosition(data)
    assert.equal(await countPositions(), before + 1)
  })

  test('GPD creates, then answers 500: the retry finds that position', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const before = await countPositions()
    const data = input()
    faults.arm('createPosition', { kind: 'failAfter', status: 500 })
    assert.instanceOf(await failure(adapter.createPosition(data)), RemoteUnavailableError)
    assert.equal(await countPositions(), before + 1, 'GPD made it')
    const retried = await adapter.createPosition(data)
    const again = await adapter.createPosition(data)
    assert.equal(retried.positionId, again.positionId)
    assert.equal(retried.status, 'PAYMENT_PENDING')
    assert.equal(await countPositions(), before + 1, 'never a second one')
  })

  test('GPD times out after creating: a timeout error, and the retry finds the position', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const before = await countPositions()
    const data = input()
    await harness.loseNextAnswer!()
    const error = await failure(adapter.createPosition(data))
    assert.instanceOf(error, RemoteUnavailableError)
    assert.equal((error as RemoteUnavailableError).reason, 'timeout')
    const retried = await adapter.createPosition(data)
    const again = await adapter.createPosition(data)
    assert.equal(retried.positionId, again.positionId)
    assert.equal(await countPositions(), before + 1)
  })

  test('Checkout times out on the cart: retryable, the next cart pays once', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const position = await adapter.createPosition(input())
    faults.arm('PostCartsV2', { kind: 'loseAnswer', delayMs: 1500 })
    assert.instanceOf(
      await failure(
        adapter.startPayment({ positions: [refOf(position)], returnUrls: RETURN_URLS })
      ),
      RemoteUnavailableError
    )
    const session = await adapter.startPayment({
      positions: [refOf(position)],
      returnUrls: RETURN_URLS,
    })
    await payAtCheckout(session, 'paid')
    const status = await adapter.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
    assert.equal(status.amountPaidCents, 2500)
  })

  test('polling while GPD answers 500 changes nothing; the next poll sees the payment', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const position = await paid(adapter)
    faults.arm('getOrganizationDebtPositionByIUPD', { kind: 'fail', status: 503 })
    assert.instanceOf(await failure(adapter.getStatus(refOf(position))), RemoteUnavailableError)
    const status = await adapter.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
  })

  test('the receipts service fails: retryable; then the one receipt', async ({ assert }) => {
    const { adapter } = await adapterOver(config)
    const position = await paid(adapter)
    faults.arm('getReceiptByIUV', { kind: 'fail', status: 500 })
    assert.instanceOf(await failure(adapter.getReceipt(refOf(position))), RemoteUnavailableError)
    const receipt = await adapter.getReceipt(refOf(position))
    const again = await adapter.getReceipt(refOf(position))
    assert.equal(receipt?.receiptId, again?.receiptId)
    assert.equal(receipt?.amountCents, 2500)
  })

  test('invalidate done but answered 500: the retry is a no-op and the position is CANCELED', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const position = await adapter.createPosition(input())
    faults.arm('invalidatePosition', { kind: 'failAfter', status: 500 })
    assert.instanceOf(
      await failure(adapter.cancelPosition(refOf(position))),
      RemoteUnavailableError
    )
    await adapter.cancelPosition(refOf(position))
    const status = await adapter.getStatus(refOf(position))
    assert.equal(status.status, 'CANCELED')
  })

  test('an IUV taken by a position made elsewhere: the next candidate, the same one on retry', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const data = input()
    const settings = {
      organizationFiscalCode: ORGANIZATION,
      auxDigit: '3' as const,
      segregationCode: '47',
    }
    const taken = identifiersFor(settings, data.idempotencyKey)
    const elsewhere = await fetch(
      `${config.gpdBaseUrl}/organizations/${ORGANIZATION}/debtpositions?toPublish=true`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'ocp-apim-subscription-key': 'altro-gestionale',
        },
        body: JSON.stringify({
          iupd: `${ORGANIZATION}-tributi-2026-0001`,
          type: 'F',
          fiscalCode: 'VRDGLI85M41F205X',
          fullName: 'Giulia Verdi',
          companyName: 'Comune di Prova',
          switchToExpired: false,
          paymentOption: [
            {
              iuv: taken.iuv,
              amount: 9900,
              description: 'TARI 2026',
              isPartialPayment: false,
              dueDate: new Date(Date.now() + 86_400_000).toISOString(),
              transfer: [
                {
                  idTransfer: '1',
                  amount: 9900,
                  remittanceInformation: 'TARI 2026',
                  category: '9/0101108TS/',
                  iban: 'IT60X0542811101000000123456',
                },
              ],
            },
          ],
        }),
      }
    )
    assert.equal(elsewhere.status, 201)
    const before = await countPositions()
    const created = await adapter.createPosition(data)
    assert.equal(created.iuv, identifiersFor(settings, data.idempotencyKey, 1).iuv)
    assert.equal(created.amountCents, 2500)
    const retried = await adapter.createPosition(data)
    assert.equal(retried.positionId, created.positionId)
    assert.equal(await countPositions(), before + 1)
  })

  test('"Paga" sent twice: the second goes back to the ente and pays nothing', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const position = await adapter.createPosition(input())
    const session = await adapter.startPayment({
      positions: [refOf(position)],
      returnUrls: RETURN_URLS,
    })
    const form = await checkoutForm(session)
    const first = await submitCheckout(form, 'paid')
    const receipt = await receiptOf(ORGANIZATION, position.iuv)
    const second = await submitCheckout(form, 'paid')
    assert.equal(first.headers.get('location'), RETURN_URLS.success)
    assert.equal(second.headers.get('location'), RETURN_URLS.success)
    const after = await receiptOf(ORGANIZATION, position.iuv)
    assert.equal(after?.data.receiptId, receipt?.data.receiptId, 'one receipt')
  })

  test('the Nodo delivers the receipt to the station twice: one event, one payment', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    const station = await stationServer(adapter)
    await registerStation({ organizationFiscalCode: ORGANIZATION, ...STATION, url: station.url })
    try {
      const position = await paid(adapter) // the Nodo delivers on payment
      assert.deepEqual(await deliverReceipt(ORGANIZATION, position.iuv), { delivered: true })
      assert.lengthOf(station.received, 2)
      assert.equal(station.received[0].eventId, station.received[1].eventId)
      assert.deepEqual(
        station.received.map((event) => event.status),
        ['COMPLETE', 'COMPLETE']
      )
      const receipt = await receiptOf(ORGANIZATION, position.iuv)
      assert.equal(receipt?.deliveryAttempts, 2)
      assert.isNotNull(receipt?.deliveredAt)
    } finally {
      await station.close()
    }
  })

  test('a station that is down keeps the receipt undelivered, and polling still sees the payment', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(config)
    await registerStation({
      organizationFiscalCode: ORGANIZATION,
      ...STATION,
      url: 'http://127.0.0.1:9/notify',
    })
    const position = await paid(adapter)
    const receipt = await receiptOf(ORGANIZATION, position.iuv)
    assert.equal(receipt?.deliveryAttempts, 1)
    assert.isNull(receipt?.deliveredAt)
    const status = await adapter.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
  })
})
