import { test } from '@japa/runner'
import { paymentConformance } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startSimulatedMyPay } from './helpers/simulated_mypay.js'

/**
 * MyPay's adapter against the simulated MyPay on a local port: SOAP from
 * the real WSDL on both sides, the checkout page driven over HTTP, the
 * push read back as MyPay sent it. Down means the port closed.
 */
const mypay = await startSimulatedMyPay()

paymentConformance({
  test,
  plugin,
  config: mypay.config,
  ente: mypay.enteInfo,
  harness: mypay.harness,
  timeout: 20_000,
})
