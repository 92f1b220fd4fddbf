import { test } from '@japa/runner'
import { protocolConformance } from '#extension_points/protocol/testing'
import { SimulatorServer } from '#extension_points/simulator_server'
import plugin from '../plugin.js'
import { simulatorRoutes } from '../simulator/routes.js'
import { countDocuments } from '../simulator/store.js'

/**
 * The test register's adapter against its simulator served on a local
 * port: down means the port closed, as with a real system.
 */
const remote = new SimulatorServer(simulatorRoutes)
await remote.start()

protocolConformance({
  test,
  plugin,
  config: { aoo: `c_test_${process.pid}`, baseUrl: remote.url },
  harness: {
    teardown: () => remote.stop(),
    reset: () => remote.start(),
    takeDown: () => remote.stop(),
    bringUp: () => remote.start(),
    countDocuments,
  },
})
