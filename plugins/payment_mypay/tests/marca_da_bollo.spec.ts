import { createHash, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import type {
  DebtPosition,
  DebtPositionInput,
  PaymentAdapter,
} from '#extension_points/payment/contract'
import { PaymentRefusedError } from '#extension_points/payment/errors'
import plugin from '../plugin.js'
import { startSimulatedMyPay } from './helpers/simulated_mypay.js'

/**
 * The marca da bollo digitale through MyPay, as the citizen and the
 * platform see it: what is refused before anything reaches MyPay, the
 * checkout page that names it, a checkout left and opened again, and the
 * marca in the receipt.
 */
const mypay = await startSimulatedMyPay()

const returnUrls = {
  success: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=ok`,
  cancel: `${mypay.enteInfo.baseUrl}/pagamenti/esito?stato=annullato`,
}

function stampInput(overrides: Partial<DebtPositionInput> = {}): DebtPositionInput {
  const documentHash = createHash('sha256').update(`istanza ${randomUUID()}`).digest('base64')
  return {
    idempotencyKey: `pratica:${randomUUID()}:bollo:1`,
    payer: { ...TEST_PAYER },
    amountCents: 1600,
    description: 'Imposta di bollo sull’istanza di autorizzazione paesaggistica',
    taxonomy: '9/0101108TS/',
    stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
    ...overrides,
  }
}

async function statusOf(adapter: PaymentAdapter, position: DebtPosition) {
  const { status } = await adapter.getStatus(position)
  return status
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure
  )
  return error instanceof PaymentRefusedError ? error.reason : error
}

test.group('MyPay: marca da bollo digitale', (group) => {
  let adapter: PaymentAdapter
  group.setup(async () => {
    const created = await createTestAdapter({ plugin, config: mypay.config, ente: mypay.enteInfo })
    adapter = created.adapter
  })
  group.teardown(() => mypay.remote.stop())

  test('a stamp of another amount, without a SHA-256 digest or a province sigla is refused', async ({
    assert,
  }) => {
    assert.equal(
      await refusal(adapter.createPosition(stampInput({ amountCents: 1500 }))),
      'invalid'
    )
    const md5 = createHash('md5').update('istanza').digest('base64')
    const notSha256 = stampInput()
    notSha256.stamp!.documentHash = md5
    assert.equal(await refusal(adapter.createPosition(notSha256)), 'invalid')
    const noProvince = stampInput()
    noProvince.stamp!.province = 'Pisa'
    assert.equal(await refusal(adapter.createPosition(noProvince)), 'invalid')
  })

  test('a stamp has no avviso and is paid alone, online', async ({ assert }) => {
    const stamp = await adapter.createPosition(stampInput())
    assert.equal(stamp.kind, 'stamp')
    assert.equal(stamp.noticeCode, '')
    assert.equal(await statusOf(adapter, stamp), 'PAYMENT_PENDING')
    assert.isNull(await adapter.getReceipt(stamp))
    assert.equal(await refusal(adapter.getNotice(stamp)), 'invalid')

    const ordinary = await adapter.createPosition({ ...stampInput(), stamp: undefined })
    assert.equal(
      await refusal(adapter.startPayment({ positions: [ordinary, stamp], returnUrls })),
      'cart_not_supported'
    )
  })

  test('the checkout page says it is a marca da bollo digitale, for which document', async ({
    assert,
  }) => {
    const input = stampInput()
    const stamp = await adapter.createPosition(input)
    const session = await adapter.startPayment({ positions: [stamp], returnUrls })
    const response = await fetch(session.redirectUrl)
    const page = await response.text()
    assert.include(page, 'Marca da bollo digitale da pagare')
    assert.include(page, input.stamp!.documentHash)
    assert.include(page, '16,00')
    assert.notInclude(page, 'Codice avviso')
  })

  test('a checkout left and opened again pays the same marca, bound to the document', async ({
    assert,
  }) => {
    const input = stampInput()
    const stamp = await adapter.createPosition(input)
    await mypay.harness.payAtCheckout(
      await adapter.startPayment({ positions: [stamp], returnUrls }),
      'cancelled'
    )
    assert.equal(await statusOf(adapter, stamp), 'PAYMENT_PENDING')
    const before = await mypay.harness.countPositions()

    const again = await adapter.startPayment({ positions: [stamp], returnUrls })
    await mypay.harness.payAtCheckout(again, 'paid')
    assert.equal(await mypay.harness.countPositions(), before, 'no second dovuto at MyPay')

    const status = await adapter.getStatus(stamp)
    assert.equal(status.status, 'COMPLETE')
    assert.equal(status.amountPaidCents, 1600)
    const receipt = (await adapter.getReceipt(stamp))!
    assert.match(receipt.stamp!.iubd, /^\d{14}$/)
    assert.equal(receipt.stamp!.documentHash, input.stamp!.documentHash)
    assert.isAtMost(Math.abs(receipt.stamp!.issuedAt.getTime() - receipt.paidAt.getTime()), 1000)
    assert.lengthOf(receipt.noticeCode, 18, 'MyPay gave it an IUV at its checkout')

    // the same key answers the same, paid, position
    const same = await adapter.createPosition(input)
    assert.equal(same.positionId, stamp.positionId)
    assert.equal(same.status, 'COMPLETE')
  })
})
