import { test } from '@japa/runner'
import { createTestAdapter } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startPlugAndPay } from './harness.js'

/**
 * The check the ente admin sees when saving the configuration: Plug&Pay
 * reachable and taking the ente's IdApplicazione.
 */
const { remote, config } = await startPlugAndPay()

async function check(overrides: Record<string, unknown> = {}) {
  const { adapter, context } = await createTestAdapter({
    plugin,
    config: { ...config, ...overrides },
  })
  return plugin.healthCheck!(context, adapter)
}

test.group('payment_plugandpay health check', (group) => {
  group.each.setup(() => remote.start())
  group.teardown(() => remote.stop())

  test('a working configuration', async ({ assert }) => {
    const result = await check()
    assert.isTrue(result.ok, result.message)
  })

  test('an IdApplicazione Plug&Pay did not enable for the ente', async ({ assert }) => {
    await check()
    const result = await check({ idApplicazione: 'UN-ALTRO-ID' })
    assert.isFalse(result.ok)
    assert.include(result.message, 'IdApplicazione')
  })

  test('Plug&Pay unreachable', async ({ assert }) => {
    await remote.stop()
    const result = await check()
    assert.isFalse(result.ok)
  })

  test('an id gestionale that is not two digits', async ({ assert }) => {
    await assert.rejects(() => check({ idGestionale: '7' }), /due cifre/)
  })
})
