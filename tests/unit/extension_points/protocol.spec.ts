import { test } from '@japa/runner'
import {
  PROTOCOL_CASES,
  protocolConformance,
  protocolConformanceCases,
} from '#extension_points/protocol/testing'
import { FakeProtocolRegister } from '#tests/fixtures/plugins/protocol_fake/register'
import { createFakeProtocolPlugin } from '#tests/fixtures/plugins/protocol_fake/plugin'
import { fakeProtocolHarness } from '#tests/fixtures/plugins/protocol_fake/harness'
import { createBrokenProtocolPlugin } from '#tests/fixtures/plugins/protocol_broken/plugin'
import { failureMessages, titles, unexpectedFailures } from './conformance_results.js'

const config = { aoo: 'c_prova_aoo1' }

/** The reference fake, through the one-call API a plugin's test file uses. */
const register = new FakeProtocolRegister()
protocolConformance({
  test,
  plugin: createFakeProtocolPlugin(register),
  config,
  harness: fakeProtocolHarness(register),
})

test.group('Protocol conformance suite', () => {
  test('the reference fake passes every case', async ({ assert }) => {
    const remote = new FakeProtocolRegister()
    const results = await protocolConformanceCases({
      plugin: createFakeProtocolPlugin(remote),
      config,
      harness: fakeProtocolHarness(remote),
    }).run()

    assert.deepEqual(failureMessages(results), [])
    assert.sameMembers(titles(results, 'passed'), Object.values(PROTOCOL_CASES))
  })

  test('the broken fake, which drops attachments, fails where attachments are checked', async ({
    assert,
  }) => {
    const remote = new FakeProtocolRegister()
    const results = await protocolConformanceCases({
      plugin: createBrokenProtocolPlugin(remote),
      config,
      harness: fakeProtocolHarness(remote),
    }).run()

    assert.sameMembers(titles(results, 'failed'), [PROTOCOL_CASES.inbound, PROTOCOL_CASES.readBack])
    assert.deepEqual(unexpectedFailures(results), [])
  })

  test('a system without fascicoli skips the folder case', async ({ assert }) => {
    const remote = new FakeProtocolRegister()
    const plugin = createFakeProtocolPlugin(remote)
    const results = await protocolConformanceCases({
      plugin: { ...plugin, capabilities: { folders: false } },
      config,
      harness: fakeProtocolHarness(remote),
    }).run()

    assert.deepEqual(titles(results, 'skipped'), [PROTOCOL_CASES.folders])
    assert.deepEqual(titles(results, 'failed'), [])
  })
})
