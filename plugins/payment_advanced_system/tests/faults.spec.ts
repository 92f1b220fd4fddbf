import { test } from '@japa/runner'
import { rejection } from '#extension_points/conformance'
import { PaymentRefusedError, RemoteConfigurationError } from '#extension_points/payment/errors'
import { TEST_PAYER } from '#extension_points/payment/testing'
import {
  TEST_RETURN_URLS,
  newTestPosition,
  positionAtCheckout,
  refOf,
  statusOf,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { creationFaultTests, faultTestFixture } from '#extension_points/payment/kit/fault_tests'
import plugin from '../plugin.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { countPositions } from '../simulator/store.js'
import { startAdvancedSystem } from './harness.js'

/**
 * The gateway failing the way remotes fail: a 500, an answer after the
 * timeout, the checkout submitted twice, the platform restarting between
 * the redirect and the return, data it refuses, another ente's key.
 */
test.group('Advanced System faults', (group) => {
  const { adapter } = faultTestFixture(group, { plugin, start: startAdvancedSystem, clearFaults })
  creationFaultTests(test, {
    remote: 'Advanced System',
    adapter,
    countPositions,
    injectFault,
    serverErrorReason: 'http_500',
  })

  test('the checkout submitted twice pays once; the platform restarted meanwhile still sees it', async ({
    assert,
  }) => {
    const before = await adapter()
    const { position, session } = await positionAtCheckout(before)
    const first = await submitCheckout(session.redirectUrl, 'paid')
    assert.equal(first.headers.get('location'), TEST_RETURN_URLS.success)
    const again = await submitCheckout(session.redirectUrl, 'paid')
    assert.equal(again.status, 200)
    assert.include(await again.text(), 'Questo carrello è chiuso')

    const after = await adapter()
    const status = await after.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
    assert.equal(status.amountPaidCents, 2500)
    const receipt = await after.getReceipt(refOf(position))
    assert.equal(receipt?.receiptId, status.receiptId)
    await rejection(
      after.startPayment({ positions: [refOf(position)], returnUrls: TEST_RETURN_URLS }),
      PaymentRefusedError,
      'paying again'
    )
  })

  test('a refused card keeps the citizen on the page with the error and the number typed', async ({
    assert,
  }) => {
    const refused = await adapter()
    const { position, session } = await positionAtCheckout(refused)
    const page = await submitCheckout(session.redirectUrl, 'paid', { carta: '1111 2222 3333 4444' })
    assert.equal(page.status, 422)
    const html = await page.text()
    assert.include(html, 'La carta non è stata accettata')
    assert.include(html, 'value="1111 2222 3333 4444"')
    assert.equal(await statusOf(refused, position), 'PAYMENT_PENDING')
  })

  test('data the gateway refuses is a refusal with its codes, not a retry', async ({ assert }) => {
    const strict = await adapter()
    const error = await rejection(
      strict.createPosition({
        idempotencyKey: 'as-importo-zero',
        payer: { ...TEST_PAYER },
        amountCents: 0,
        description: 'Importo sbagliato',
      }),
      PaymentRefusedError,
      'an amount of zero'
    )
    assert.equal(error.reason, 'invalid')
    assert.include(error.detail, 'IMPORTO_NON_VALIDO')
  })

  test('another key for the same ente is a configuration error', async () => {
    const stranger = await adapter({ apiKey: 'una-chiave-diversa' })
    await rejection(
      newTestPosition(stranger),
      RemoteConfigurationError,
      'a key the gateway does not know'
    )
  })

  test('a paid position cannot be cancelled', async ({ assert }) => {
    const cancelling = await adapter()
    const { position, session } = await positionAtCheckout(cancelling)
    await submitCheckout(session.redirectUrl, 'paid')
    const error = await rejection(
      cancelling.cancelPosition!(refOf(position)),
      PaymentRefusedError,
      'cancelling a paid position'
    )
    assert.equal(error.reason, 'already_paid')
    assert.equal(await statusOf(cancelling, position), 'COMPLETE')
  })
})
