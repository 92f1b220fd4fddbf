import { test } from '@japa/runner'
import {
  PAYMENT_CASES,
  paymentConformance,
  paymentConformanceCases,
} from '#extension_points/payment/testing'
import { FakeIntermediary } from '#tests/fixtures/plugins/payment_fake/intermediary'
import { createFakePaymentPlugin } from '#tests/fixtures/plugins/payment_fake/plugin'
import { fakePaymentHarness } from '#tests/fixtures/plugins/payment_fake/harness'
import { createBrokenPaymentPlugin } from '#tests/fixtures/plugins/payment_broken/plugin'
import { failureMessages, titles, unexpectedFailures } from './conformance_results.js'

const secret = 'segreto-notifiche'
const config = { notificationSecret: secret }

/** The reference fake, through the one-call API a plugin's test file uses. */
const remote = new FakeIntermediary(secret)
paymentConformance({
  test,
  plugin: createFakePaymentPlugin(remote),
  config,
  harness: fakePaymentHarness(remote),
})

test.group('Payment conformance suite', () => {
  test('the reference fake passes every case', async ({ assert }) => {
    const intermediary = new FakeIntermediary(secret)
    const results = await paymentConformanceCases({
      plugin: createFakePaymentPlugin(intermediary),
      config,
      harness: fakePaymentHarness(intermediary),
    }).run()

    assert.deepEqual(failureMessages(results), [])
    assert.sameMembers(titles(results, 'passed'), Object.values(PAYMENT_CASES))
  })

  test('the broken fake fails on duplicated positions and duplicated notifications', async ({
    assert,
  }) => {
    const intermediary = new FakeIntermediary(secret)
    const results = await paymentConformanceCases({
      plugin: createBrokenPaymentPlugin(intermediary),
      config,
      harness: fakePaymentHarness(intermediary),
    }).run()

    assert.sameMembers(titles(results, 'failed'), [
      PAYMENT_CASES.idempotent,
      PAYMENT_CASES.lostAnswer,
      PAYMENT_CASES.duplicate,
    ])
    assert.deepEqual(unexpectedFailures(results), [])
  })

  test('a notification signed with another secret is refused', async ({ assert }) => {
    const intermediary = new FakeIntermediary('segreto-del-vero-intermediario')
    const results = await paymentConformanceCases({
      plugin: createFakePaymentPlugin(intermediary),
      config,
      harness: fakePaymentHarness(intermediary),
    }).run()

    // the adapter believes only what its configured secret verifies: genuine-looking notifications fail too
    assert.sameMembers(titles(results, 'failed'), [PAYMENT_CASES.callback, PAYMENT_CASES.duplicate])
  })

  test('optional cases are skipped when the capability or the harness ability is missing', async ({
    assert,
  }) => {
    const intermediary = new FakeIntermediary(secret)
    const plugin = createFakePaymentPlugin(intermediary)
    const harness = { ...fakePaymentHarness(intermediary), loseNextAnswer: undefined }
    const results = await paymentConformanceCases({
      plugin: {
        ...plugin,
        capabilities: { ...plugin.capabilities, stamps: false, openPositions: false },
      },
      config,
      harness,
    }).run()

    assert.sameMembers(titles(results, 'skipped'), [
      PAYMENT_CASES.lostAnswer,
      PAYMENT_CASES.openPositions,
      PAYMENT_CASES.stamps,
    ])
    assert.deepEqual(titles(results, 'failed'), [])
  })
})
