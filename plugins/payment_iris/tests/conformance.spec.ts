import { test } from '@japa/runner'
import { paymentConformance } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { irisHarness, startIris } from './harness.js'

/**
 * The IRIS adapter against the simulated IRIS on a local port: the real
 * client, SOAP documents and gateway page.
 */
const { remote, config } = await startIris()

paymentConformance({ test, plugin, config, harness: irisHarness(remote) })
