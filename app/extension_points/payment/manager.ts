import { createPointManager } from '#plugin_runtime/point_manager'
import type { PaymentAdapter } from './contract.js'

/**
 * The payment adapters of each ente, built by the plugin runtime from the
 * enabled plugin and its configuration (cached per ente and config version).
 */
const paymentManager = createPointManager<PaymentAdapter>('payment')

export default paymentManager
