import assert from 'node:assert/strict'
import type { Group } from '@japa/runner/core'
import { createTestAdapter, rejection, type JapaTest } from '#extension_points/conformance'
import type { PluginManifest } from '#extension_points/define_plugin'
import type { PaymentAdapter } from '#extension_points/payment/contract'
import { RemoteUnavailableError } from '#extension_points/payment/errors'
import type { SimulatorServer } from '#extension_points/simulator_server'
import type { FaultKind } from './fault_switch.js'
import { newTestPosition, refOf, statusOf } from './testing_kit.js'

/**
 * The fault tests every payment connector whose simulator has a fault
 * switch (fault_switch.ts) owes, beyond the conformance suite: the remote
 * answering 500 or after the caller's timeout while a position is created,
 * two workers creating the same position, a status check on a 500. None
 * may lose or double a position. The plugin keeps its own tests for what
 * only its protocol does (pushes, PDFs, carts, refusals).
 *
 * @example
 *   test.group('Acme faults', (group) => {
 *     const { adapter } = faultTestFixture(group, { plugin, start: startAcme, clearFaults })
 *     creationFaultTests(test, { remote: 'Acme', adapter, countPositions, injectFault })
 *   })
 */
type AdapterFactory = (overrides?: Record<string, unknown>) => Promise<PaymentAdapter>

/**
 * In a Japa group: starts the simulated remote once, clears its faults
 * before each test; answers a factory of adapters on its configuration
 * (with overrides, e.g. a shorter `timeoutMs`) and the running remote.
 */
export function faultTestFixture(
  group: Group,
  options: {
    plugin: PluginManifest<'payment', PaymentAdapter, any, any>
    start: () => Promise<{ remote: SimulatorServer; config: Record<string, unknown> }>
    clearFaults: () => void
  }
): { adapter: AdapterFactory; remote: () => SimulatorServer } {
  let started: { remote: SimulatorServer; config: Record<string, unknown> }
  group.setup(async () => {
    started = await options.start()
    return () => started.remote.stop()
  })
  group.each.setup(() => options.clearFaults())
  return {
    remote: () => started.remote,
    async adapter(overrides = {}) {
      const built = await createTestAdapter({
        plugin: options.plugin,
        config: { ...started.config, ...overrides },
      })
      return built.adapter
    },
  }
}

export function creationFaultTests(
  test: JapaTest,
  options: {
    /** the remote's name in the titles */
    remote: string
    adapter: AdapterFactory
    countPositions: () => Promise<number>
    injectFault: (kind: FaultKind, options?: { delayMs?: number }) => void
    /** the `reason` the adapter gives a 500, when it names one */
    serverErrorReason?: string
  }
) {
  const { remote, adapter, countPositions, injectFault } = options

  test(`${remote} answers 500: the creation is retryable, nothing is made, the retry makes one position`, async () => {
    const flaky = await adapter()
    const before = await countPositions()
    injectFault('errore500')
    const error = await rejection(
      newTestPosition(flaky, 'guasti-500'),
      RemoteUnavailableError,
      'a 500'
    )
    assert.equal(error.retryable, true)
    if (options.serverErrorReason) assert.equal(error.reason, options.serverErrorReason)
    assert.equal(await countPositions(), before, 'a 500 did nothing')
    const created = await newTestPosition(flaky, 'guasti-500')
    assert.equal(created.status, 'PAYMENT_PENDING')
    assert.equal(await countPositions(), before + 1)
  })

  test(`${remote} answers after the timeout: retryable, and the retry finds the position it made`, async () => {
    const impatient = await adapter({ timeoutMs: 200 })
    const before = await countPositions()
    injectFault('timeout', { delayMs: 600 })
    await rejection(
      newTestPosition(impatient, 'guasti-timeout'),
      RemoteUnavailableError,
      'a timeout'
    )
    await new Promise((resolve) => setTimeout(resolve, 700))
    assert.equal(await countPositions(), before + 1, `${remote} made the position all the same`)
    const retried = await newTestPosition(impatient, 'guasti-timeout')
    assert.equal(retried.status, 'PAYMENT_PENDING')
    assert.equal(await countPositions(), before + 1, 'the retry made no second one')
  })

  test('two workers create the same position at once: one position', async () => {
    const [one, two] = await Promise.all([adapter(), adapter()])
    const before = await countPositions()
    const [first, second] = await Promise.all([
      newTestPosition(one, 'guasti-concorrenti'),
      newTestPosition(two, 'guasti-concorrenti'),
    ])
    assert.equal(second.iuv, first.iuv)
    assert.equal(await countPositions(), before + 1)
  })

  test(`a status check ${remote} answers 500 is retryable, not a verdict`, async () => {
    const checker = await adapter()
    const position = await newTestPosition(checker)
    injectFault('errore500')
    await rejection(checker.getStatus(refOf(position)), RemoteUnavailableError, 'status on a 500')
    assert.equal(await statusOf(checker, position), 'PAYMENT_PENDING')
  })
}
