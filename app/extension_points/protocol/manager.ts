import { createPointManager } from '#plugin_runtime/point_manager'
import type { ProtocolAdapter } from './contract.js'

/**
 * The protocol adapters of each ente, built by the plugin runtime from the
 * enabled plugin and its configuration (cached per ente and config version).
 */
const protocolManager = createPointManager<ProtocolAdapter>('protocol')

export default protocolManager
