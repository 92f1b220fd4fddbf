import identityManager from '#extension_points/identity/manager'
import { PluginNotEnabledError } from '#plugin_runtime/errors'
import NotFoundException from '#exceptions/not_found_exception'
import type Ente from '#models/ente'

/**
 * The ente's enabled identity plugin with this id. Any other id (another
 * point's plugin, one the ente has not enabled) is a 404, like a missing page.
 */
export async function identityPluginOf(ente: Ente, pluginId: string) {
  try {
    return await identityManager.forEnte(ente, pluginId)
  } catch (error) {
    if (error instanceof PluginNotEnabledError) throw new NotFoundException()
    throw error
  }
}
