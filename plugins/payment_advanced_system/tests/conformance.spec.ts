import { test } from '@japa/runner'
import { paymentConformance } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { advancedSystemHarness, startAdvancedSystem } from './harness.js'

/**
 * The Advanced System adapter against the simulated gateway on a local
 * port, its outcomes pushed to a local platform address.
 */
const { remote, config } = await startAdvancedSystem()

paymentConformance({ test, plugin, config, harness: advancedSystemHarness(remote, config) })
