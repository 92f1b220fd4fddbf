import { test } from '@japa/runner'
import { createTestAdapter } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startAdvancedSystem } from './harness.js'

/** The check the ente admin sees when saving the configuration: the gateway reachable, the key accepted. */
const { remote, config } = await startAdvancedSystem()

async function check(overrides: Record<string, unknown> = {}) {
  const { adapter, context } = await createTestAdapter({
    plugin,
    config: { ...config, ...overrides },
  })
  return plugin.healthCheck!(context, adapter)
}

test.group('payment_advanced_system health check', (group) => {
  group.each.setup(() => remote.start())
  group.teardown(() => remote.stop())

  test('a working configuration, then another key for the same ente', async ({ assert }) => {
    const working = await check()
    assert.isTrue(working.ok, working.message)
    const stranger = await check({ apiKey: 'una-chiave-diversa' })
    assert.isFalse(stranger.ok)
  })

  test('the gateway unreachable', async ({ assert }) => {
    await remote.stop()
    const result = await check()
    assert.isFalse(result.ok)
  })
})
