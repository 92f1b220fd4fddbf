import { createPointManager } from '#plugin_runtime/point_manager'
import type { MessagingAdapter } from './contract.js'

/**
 * The messaging adapters of each ente, built by the plugin runtime from the
 * enabled plugin and its configuration (cached per ente and config version).
 */
const messagingManager = createPointManager<MessagingAdapter>('messaging')

export default messagingManager
