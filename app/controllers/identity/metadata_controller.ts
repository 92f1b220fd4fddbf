import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { identityPluginOf } from '#services/identity/identity_plugins'

/** The SP metadata of an identity plugin, for the IdPs to register (SAML). */
export default class MetadataController {
  async show({ ente, params, response }: HttpContext) {
    const { adapter, manifest } = await identityPluginOf(ente, String(params.pluginId))
    if (!manifest.capabilities.metadata || !adapter.metadata) throw new NotFoundException()
    const metadata = await adapter.metadata()
    response.header('content-type', metadata.contentType)
    return response.send(metadata.body)
  }
}
