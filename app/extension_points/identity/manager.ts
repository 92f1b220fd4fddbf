import { createPointManager } from '#plugin_runtime/point_manager'
import type { IdentityAdapter } from './contract.js'

/**
 * The identity adapters of each ente, built by the plugin runtime from the
 * enabled plugin and its configuration (cached per ente and config version).
 */
const identityManager = createPointManager<IdentityAdapter>('identity')

export default identityManager
