import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import type { DebtPositionInput, PaymentAdapter } from '#extension_points/payment/contract'
import {
  PaymentRefusedError,
  RemoteConfigurationError,
  RemoteUnavailableError,
} from '#extension_points/payment/errors'
import { refOf, statusOf } from '#extension_points/payment/kit/testing_kit'
import plugin from '../plugin.js'
import { simulatorFaults } from '../simulator/faults.js'
import { countDovuti } from '../simulator/store.js'
import { startSimulatedMyPay } from './helpers/simulated_mypay.js'

/**
 * What goes wrong between the platform and MyPay: a 500, a request that
 * times out, an answer lost after the work was done, a request the remote
 * executes twice, a checkout submitted twice, a push delivered twice.
 * Nothing may be lost or doubled.
 */
const mypay = await startSimulatedMyPay()

function input(overrides: Partial<DebtPositionInput> = {}): DebtPositionInput {
  return {
    idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
    payer: { ...TEST_PAYER },
    amountCents: 2500,
    description: 'Permesso di accesso alla ZTL',
    dueDate: new Date(Date.now() + 30 * 86_400_000),
    ...overrides,
  }
}

async function adapterFor(overrides: Record<string, unknown> = {}) {
  const { adapter } = await createTestAdapter({
    plugin,
    config: { ...mypay.config, ...overrides },
    ente: mypay.enteInfo,
  })
  return adapter
}

const returnUrls = {
  success: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=ok`,
  cancel: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=annullato`,
}

async function rejected(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

async function paid(adapter: PaymentAdapter) {
  const position = await adapter.createPosition(input())
  const session = await adapter.startPayment({ positions: [refOf(position)], returnUrls })
  await mypay.harness.payAtCheckout(session, 'paid')
  return position
}

test.group('MyPay faults: nothing lost, nothing doubled', (group) => {
  group.each.setup(() => simulatorFaults.clear())
  group.teardown(() => mypay.remote.stop())

  for (const fault of ['http500', 'timeout'] as const) {
    test(`creation: MyPay ${fault === 'http500' ? 'answers 500' : 'times out'}, the retry makes one position`, async ({
      assert,
    }) => {
      const adapter = await adapterFor()
      const before = await countDovuti(mypay.ente.codIpaEnte)
      const position = input()
      simulatorFaults.inject(fault, { operation: 'paaSILImportaDovuto' })
      const error = await rejected(adapter.createPosition(position))
      assert.instanceOf(error, RemoteUnavailableError)
      assert.isTrue((error as RemoteUnavailableError).retryable, 'retryable')
      assert.equal(await countDovuti(mypay.ente.codIpaEnte), before, 'nothing created')

      const created = await adapter.createPosition(position)
      assert.equal(created.status, 'PAYMENT_PENDING')
      assert.equal(await countDovuti(mypay.ente.codIpaEnte), before + 1)
    })
  }

  test('creation: MyPay executes the request twice, one position and its IUV come back', async ({
    assert,
  }) => {
    const adapter = await adapterFor()
    const before = await countDovuti(mypay.ente.codIpaEnte)
    simulatorFaults.inject('twice', { operation: 'paaSILImportaDovuto' })
    const created = await adapter.createPosition(input())
    assert.equal(await countDovuti(mypay.ente.codIpaEnte), before + 1)
    const notice = await adapter.getNotice(refOf(created))
    assert.equal(notice.iuv, created.iuv)
    assert.equal(created.noticeCode, `3${created.iuv}`)
  })

  test('creation: two requests at once with the same key make one position', async ({ assert }) => {
    const [first, second] = [await adapterFor(), await adapterFor()]
    const before = await countDovuti(mypay.ente.codIpaEnte)
    const position = input()
    const [a, b] = await Promise.all([
      first.createPosition(position),
      second.createPosition({ ...position }),
    ])
    assert.deepEqual(refOf(a), refOf(b))
    assert.equal(await countDovuti(mypay.ente.codIpaEnte), before + 1)
  })

  test('polling: a 500 is retryable, the next poll sees the payment', async ({ assert }) => {
    const adapter = await adapterFor()
    const position = await paid(adapter)
    simulatorFaults.inject('http500', { operation: 'paaSILChiediPagatiConRicevuta' })
    assert.instanceOf(await rejected(adapter.getStatus(refOf(position))), RemoteUnavailableError)
    assert.equal(await statusOf(adapter, position), 'COMPLETE')
  })

  test('polling: MyPay down is retryable', async ({ assert }) => {
    const adapter = await adapterFor()
    const position = await adapter.createPosition(input())
    await mypay.remote.stop()
    try {
      assert.instanceOf(await rejected(adapter.getStatus(refOf(position))), RemoteUnavailableError)
    } finally {
      await mypay.remote.start()
    }
    assert.equal(await statusOf(adapter, position), 'PAYMENT_PENDING')
  })

  test('the checkout form submitted twice pays once', async ({ assert }) => {
    const adapter = await adapterFor()
    const position = await adapter.createPosition(input())
    const session = await adapter.startPayment({ positions: [refOf(position)], returnUrls })
    const checkout = await fetch(session.redirectUrl)
    const page = await checkout.text()
    const id = /name="id" value="([^"]+)"/.exec(page)![1]
    const submit = () =>
      fetch(`${mypay.remote.url}/pagamento`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          id,
          azione: 'paga',
          numero: '4000 0000 0000 0119',
          scadenza: '12/30',
          cvv: '123',
          titolare: 'Maria Rossi',
        }),
        redirect: 'manual',
      })
    const [one, two] = await Promise.all([submit(), submit()])
    const statuses = [one.status, two.status].sort()
    assert.deepEqual(statuses, [200, 302], 'one payment, one page saying it is already done')
    const again = await submit()
    assert.equal(again.status, 200)
    assert.include(await again.text(), 'Pagamento già eseguito')
    const receipt = await adapter.getReceipt(refOf(position))
    assert.equal(receipt?.amountCents, 2500)
    const receiptAgain = await adapter.getReceipt(refOf(position))
    assert.equal(receiptAgain?.receiptId, receipt?.receiptId)
  })

  test('the outcome push delivered twice gives the same event and changes nothing', async ({
    assert,
  }) => {
    const adapter = await adapterFor()
    const position = await paid(adapter)
    const push = await mypay.harness.notificationFor(refOf(position))
    const before = await countDovuti(mypay.ente.codIpaEnte)
    const first = await adapter.parseNotification!(push)
    const second = await adapter.parseNotification!(structuredClone(push))
    assert.equal(second.eventId, first.eventId)
    assert.deepEqual(second.outcomes, first.outcomes)
    assert.equal(first.outcomes[0].status, 'COMPLETE')
    assert.equal(await countDovuti(mypay.ente.codIpaEnte), before)
  })

  test('cancellation: an answer lost after MyPay cancelled, the retry is a no-op', async ({
    assert,
  }) => {
    const adapter = await adapterFor()
    const position = await adapter.createPosition(input())
    simulatorFaults.inject('lostAnswer', { operation: 'paaSILImportaDovuto' })
    assert.instanceOf(
      await rejected(adapter.cancelPosition!(refOf(position))),
      RemoteUnavailableError
    )
    await adapter.cancelPosition!(refOf(position))
    assert.equal(await statusOf(adapter, position), 'CANCELED')
  })

  test('a declined card leaves the position failed and payable again', async ({ assert }) => {
    const adapter = await adapterFor()
    const position = await adapter.createPosition(input())
    const first = await adapter.startPayment({ positions: [refOf(position)], returnUrls })
    const back = await mypay.checkout(first, 'declined')
    assert.include(back, 'esito=ERROR')
    assert.equal(await statusOf(adapter, position), 'PAYMENT_FAILED')
    assert.isNull(await adapter.getReceipt(refOf(position)))

    const second = await adapter.startPayment({ positions: [refOf(position)], returnUrls })
    assert.notEqual(second.checkoutId, first.checkoutId)
    assert.equal(await statusOf(adapter, position), 'PAYMENT_PENDING')
    await mypay.harness.payAtCheckout(second, 'paid')
    assert.equal(await statusOf(adapter, position), 'COMPLETE')
  })

  test('settings MyPay refuses are configuration errors, not retried', async ({ assert }) => {
    const wrongPassword = await adapterFor({ password: 'Sbagliata.1' })
    const error = await rejected(wrongPassword.createPosition(input()))
    assert.instanceOf(error, RemoteConfigurationError)
    assert.isFalse((error as RemoteConfigurationError).retryable)

    const wrongTipo = await adapterFor({ tipoDovuto: 'TARI' })
    assert.instanceOf(await rejected(wrongTipo.createPosition(input())), RemoteConfigurationError)

    const wrongAddress = await adapterFor({ baseUrl: `${mypay.remote.url}/altro` })
    assert.instanceOf(
      await rejected(wrongAddress.createPosition(input())),
      RemoteConfigurationError
    )
  })

  test('data MyPay refuses is a refusal, and nothing is created', async ({ assert }) => {
    const adapter = await adapterFor()
    const before = await countDovuti(mypay.ente.codIpaEnte)
    const badPayer = await rejected(
      adapter.createPosition(input({ payer: { ...TEST_PAYER, fiscalCode: 'RSSMRA80A41H501X' } }))
    )
    assert.instanceOf(badPayer, PaymentRefusedError)
    assert.equal((badPayer as PaymentRefusedError).reason, 'invalid')
    assert.include((badPayer as PaymentRefusedError).detail!, 'PAA_CODICE_FISCALE_NON_VALIDO')
    const badTaxonomy = await rejected(adapter.createPosition(input({ taxonomy: 'tassa' })))
    assert.instanceOf(badTaxonomy, PaymentRefusedError)
    assert.equal(await countDovuti(mypay.ente.codIpaEnte), before)
  })
})
