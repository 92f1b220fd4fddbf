import { test } from '@japa/runner'
import { rejection } from '#extension_points/conformance'
import { PaymentCallbackError, RemoteUnavailableError } from '#extension_points/payment/errors'
import { createTestAdapter } from '#extension_points/payment/testing'
import { TEST_RETURN_URLS, newTestPosition, refOf } from '#extension_points/payment/kit/testing_kit'
import plugin from '../plugin.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { countPendenze, latestNotification } from '../simulator/store.js'
import { checkout, payOnGateway, pushRequest, startIris } from './harness.js'

test.group('IRIS faults', (group) => {
  let iris: Awaited<ReturnType<typeof startIris>>
  const adapter = (overrides: Record<string, unknown> = {}) =>
    createTestAdapter({ plugin, config: { ...iris.config, ...overrides } }).then(
      (built) => built.adapter
    )

  group.setup(async () => {
    iris = await startIris()
    return () => iris.remote.stop()
  })
  group.each.setup(() => clearFaults())

  test('IRIS answers 500: the creation is retryable and the retry makes one pendenza', async ({
    assert,
  }) => {
    const iris500 = await adapter()
    const before = await countPendenze()
    injectFault('errore500')
    const error = await rejection(
      newTestPosition(iris500, 'guasti-500'),
      RemoteUnavailableError,
      'creation on a 500'
    )
    assert.equal(error.reason, 'http_500')
    assert.isTrue(error.retryable)
    assert.equal(await countPendenze(), before, 'a 500 did nothing')

    const created = await newTestPosition(iris500, 'guasti-500')
    assert.equal(created.status, 'PAYMENT_PENDING')
    assert.equal(await countPendenze(), before + 1)
  })

  test('IRIS answers after the timeout: the creation is retryable and the retry finds what IRIS made', async ({
    assert,
  }) => {
    const impatient = await adapter({ timeoutMs: 200 })
    const before = await countPendenze()
    injectFault('timeout', { delayMs: 600 })
    await rejection(
      newTestPosition(impatient, 'guasti-timeout'),
      RemoteUnavailableError,
      'creation timing out'
    )
    await new Promise((resolve) => setTimeout(resolve, 700))
    assert.equal(await countPendenze(), before + 1, 'IRIS made the pendenza all the same')

    const retried = await newTestPosition(impatient, 'guasti-timeout')
    assert.equal(retried.status, 'PAYMENT_PENDING')
    assert.equal(await countPendenze(), before + 1, 'the retry made no second one')
  })

  test('a status check IRIS answers 500 is retryable, not a verdict', async () => {
    const checker = await adapter()
    const position = await newTestPosition(checker)
    injectFault('errore500')
    await rejection(checker.getStatus(refOf(position)), RemoteUnavailableError, 'status on a 500')
  })

  test('IRIS pushes the same payment twice: same event id, one payment, one receipt', async ({
    assert,
  }) => {
    const twice = await adapter()
    const position = await newTestPosition(twice)
    await checkout(twice, [position])
    const push = await latestNotification(position.iuv)
    const first = await twice.parseNotification!(pushRequest(push!.documento))
    const second = await twice.parseNotification!(pushRequest(push!.documento))
    assert.equal(second.eventId, first.eventId)
    assert.deepEqual(second.outcomes, first.outcomes)
    assert.equal(first.outcomes[0].status, 'COMPLETE')
    const receipt = await twice.getReceipt(refOf(position))
    assert.equal(receipt?.receiptId, first.outcomes[0].receiptId)
  })

  test('the platform restarts between the redirect and the return: a new adapter sees the payment', async ({
    assert,
  }) => {
    const before = await adapter()
    const position = await newTestPosition(before)
    const session = await before.startPayment({
      positions: [refOf(position)],
      returnUrls: TEST_RETURN_URLS,
    })
    const landing = await payOnGateway(session.redirectUrl, 'paid')
    assert.equal(landing, TEST_RETURN_URLS.success)

    const after = await adapter()
    const status = await after.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
    assert.equal(status.amountPaidCents, 2500)
    const receipt = await after.getReceipt(refOf(position))
    assert.equal(receipt?.amountCents, 2500)
  })

  test('a card refused at the gateway: PAYMENT_FAILED, and the position can be paid again', async ({
    assert,
  }) => {
    const refused = await adapter()
    const position = await newTestPosition(refused)
    const session = await refused.startPayment({
      positions: [refOf(position)],
      returnUrls: TEST_RETURN_URLS,
    })
    const url = new URL(session.redirectUrl)
    const page = await fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: url.searchParams.get('token')!,
        azione: 'paga',
        carta: '1111 2222 3333 4444',
      }),
    })
    assert.equal(page.status, 422)
    assert.include(await page.text(), 'La carta non è stata accettata')
    const failed = await refused.getStatus(refOf(position))
    assert.equal(failed.status, 'PAYMENT_FAILED')

    await payOnGateway(session.redirectUrl, 'paid')
    const paid = await refused.getStatus(refOf(position))
    assert.equal(paid.status, 'COMPLETE')
  })

  test('a push without IRIS’s credentials, or not an IdpInformativaPagamento, is refused', async ({
    assert,
  }) => {
    const guarded = await adapter()
    const position = await newTestPosition(guarded)
    await checkout(guarded, [position])
    const push = await latestNotification(position.iuv)

    const stranger = await rejection(
      guarded.parseNotification!(pushRequest(push!.documento, 'Basic c29tZW9uZTplbHNl')),
      PaymentCallbackError,
      'a push with other credentials'
    )
    assert.equal(stranger.reason, 'invalid_signature')
    const garbage = await rejection(
      guarded.parseNotification!(pushRequest('<html>non una notifica</html>')),
      PaymentCallbackError,
      'a push that is not IRIS’s'
    )
    assert.equal(garbage.reason, 'malformed')
  })
})
