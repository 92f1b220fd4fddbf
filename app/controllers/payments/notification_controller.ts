import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { PluginNotEnabledError } from '#plugin_runtime/errors'
import { toPluginRequest } from '#plugin_runtime/plugin_routes'
import { receiveNotification } from '#services/payments/notifications'

/**
 * POST /:ente/callbacks/:plugin/notify: the intermediary's server-to-server
 * notification (PAYMENT_PATHS.notification). No CSRF: the adapter verifies
 * it. A plugin the ente has not enabled: 404.
 */
export default class NotificationController {
  async store(ctx: HttpContext) {
    const { ente, params, response } = ctx
    const reply = await receiveNotification(
      ente,
      String(params.plugin),
      toPluginRequest(ctx)
    ).catch((error) => {
      throw error instanceof PluginNotEnabledError ? new NotFoundException() : error
    })
    response.status(reply.status ?? 200)
    for (const [name, value] of Object.entries(reply.headers ?? {})) response.header(name, value)
    return response.send(reply.body ?? '')
  }
}
