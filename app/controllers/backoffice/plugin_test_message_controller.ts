import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { requestMessage } from '#services/messaging/request_message'

/**
 * Ente admin: "Invia un messaggio di prova" on a messaging channel, to
 * their own address. It travels the real path (outbox, queue, plugin), so
 * it proves the channel works end to end.
 */
@inject()
export default class PluginTestMessageController {
  constructor(protected plugins: TenantPlugins) {}

  async store({ ente, params, auth, response, session }: HttpContext) {
    const plugin = await this.plugins.findInContract(ente, String(params.pluginId))
    if (!plugin || plugin.manifest.point !== 'messaging') {
      throw new NotFoundException()
    }
    const back = `/${ente.slug}/backoffice/impostazioni/plugin/${plugin.manifest.id}`
    if (!plugin.row.enabled) {
      session.flash('error', 'Abilita il canale prima di inviare un messaggio di prova.')
      return response.redirect(back)
    }

    const user = auth.use('web').user!
    await db.transaction((trx) =>
      requestMessage(trx, ente, {
        channel: plugin.manifest.id,
        recipient: { email: user.email, name: user.fullName },
        subject: `Messaggio di prova: ${plugin.manifest.name} di ${ente.name}`,
        body: {
          text:
            `Questo è un messaggio di prova inviato da ${user.fullName} ` +
            `dalle impostazioni del canale "${plugin.manifest.name}" di ${ente.name}.\n` +
            'Se lo leggi, il canale funziona.',
        },
      })
    )
    session.flash('success', `Messaggio di prova in coda per ${user.email}.`)
    return response.redirect(back)
  }
}
