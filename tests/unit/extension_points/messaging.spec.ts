import { test } from '@japa/runner'
import {
  MESSAGING_CASES,
  messagingConformance,
  messagingConformanceCases,
} from '#extension_points/messaging/testing'
import { FakeMessagingChannel } from '#tests/fixtures/plugins/messaging_fake/channel'
import { createFakeMessagingPlugin } from '#tests/fixtures/plugins/messaging_fake/plugin'
import { fakeMessagingHarness } from '#tests/fixtures/plugins/messaging_fake/harness'
import { createBrokenMessagingPlugin } from '#tests/fixtures/plugins/messaging_broken/plugin'
import { failureMessages, titles, unexpectedFailures } from './conformance_results.js'

const config = { senderName: 'Comune di Prova' }

/** The reference fake, through the one-call API a plugin's test file uses. */
const channel = new FakeMessagingChannel()
messagingConformance({
  test,
  plugin: createFakeMessagingPlugin(channel),
  config,
  harness: fakeMessagingHarness(channel),
})

test.group('Messaging conformance suite', () => {
  test('the reference fake passes every case', async ({ assert }) => {
    const remote = new FakeMessagingChannel()
    const results = await messagingConformanceCases({
      plugin: createFakeMessagingPlugin(remote),
      config,
      harness: fakeMessagingHarness(remote),
    }).run()

    assert.deepEqual(failureMessages(results), [])
    assert.sameMembers(titles(results, 'passed'), Object.values(MESSAGING_CASES))
  })

  test('the broken fake fails the cases it breaks, by assertion', async ({ assert }) => {
    const remote = new FakeMessagingChannel()
    const results = await messagingConformanceCases({
      plugin: createBrokenMessagingPlugin(remote),
      config: {},
      harness: fakeMessagingHarness(remote),
    }).run()

    assert.sameMembers(titles(results, 'failed'), [
      MESSAGING_CASES.noAddress,
      MESSAGING_CASES.refusal,
      MESSAGING_CASES.throttling,
    ])
    assert.deepEqual(unexpectedFailures(results), [])
  })

  test('a capability that is off skips its case', async ({ assert }) => {
    const remote = new FakeMessagingChannel()
    const plugin = createFakeMessagingPlugin(remote)
    const results = await messagingConformanceCases({
      plugin: { ...plugin, capabilities: { ...plugin.capabilities, deliveryTracking: false } },
      config,
      harness: fakeMessagingHarness(remote),
    }).run()

    assert.deepEqual(titles(results, 'skipped'), [MESSAGING_CASES.deliveryStatus])
    assert.deepEqual(titles(results, 'failed'), [])
  })

  test('an invalid configuration fails every case: the suite validates it with the plugin schema', async ({
    assert,
  }) => {
    const remote = new FakeMessagingChannel()
    const results = await messagingConformanceCases({
      plugin: createFakeMessagingPlugin(remote),
      config: {},
      harness: fakeMessagingHarness(remote),
    }).run()

    assert.sameMembers(titles(results, 'failed'), Object.values(MESSAGING_CASES))
    for (const result of results) {
      assert.propertyVal(
        result.status === 'failed' ? result.error : {},
        'code',
        'E_VALIDATION_ERROR'
      )
    }
  })
})
