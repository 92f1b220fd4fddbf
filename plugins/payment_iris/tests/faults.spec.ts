import { test } from '@japa/runner'
import { rejection } from '#extension_points/conformance'
import { PaymentCallbackError } from '#extension_points/payment/errors'
import {
  TEST_RETURN_URLS,
  newTestPosition,
  positionAtCheckout,
  refOf,
} from '#extension_points/payment/kit/testing_kit'
import { creationFaultTests, faultTestFixture } from '#extension_points/payment/kit/fault_tests'
import plugin from '../plugin.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { countPendenze, latestNotification } from '../simulator/store.js'
import { checkout, payOnGateway, pushRequest, startIris, submitOnGateway } from './harness.js'

test.group('IRIS faults', (group) => {
  const { adapter } = faultTestFixture(group, { plugin, start: startIris, clearFaults })
  creationFaultTests(test, {
    remote: 'IRIS',
    adapter,
    countPositions: countPendenze,
    injectFault,
    serverErrorReason: 'http_500',
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
    const { position, session } = await positionAtCheckout(before)
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
    const { position, session } = await positionAtCheckout(refused)
    const page = await submitOnGateway(session.redirectUrl, 'paid', '1111 2222 3333 4444')
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
