import { test } from '@japa/runner'
import { paymentConformance } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startGpdSimulator } from './helpers/simulator.js'

/**
 * The payment conformance suite, the real adapter against pagoPA's
 * simulator on a local port: down means the port closed, a lost answer an
 * answer held past the client's timeout.
 */
const { config, harness } = await startGpdSimulator()

paymentConformance({ test, plugin, config, harness })
