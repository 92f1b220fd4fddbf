import { test } from '@japa/runner'
import { paymentConformance } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { plugAndPayHarness, startPlugAndPay } from './harness.js'

/**
 * The Plug&Pay adapter against the simulated Plug&Pay on a local port: the
 * real client, SOAP messages and checkout page.
 */
const { remote, config } = await startPlugAndPay()

paymentConformance({ test, plugin, config, harness: plugAndPayHarness(remote) })
