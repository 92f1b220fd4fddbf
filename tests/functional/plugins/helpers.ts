import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory } from '#factories/user_factory'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'

/** An ente whose contract includes `pluginIds`, with its admin. */
export async function enteWithContract(pluginIds: string[]) {
  const ente = await EnteFactory.create()
  const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, pluginIds)
  return { ente, admin }
}

/** The ente_plugins row exactly as stored (no model decoding). */
export function storedRow(enteId: number, pluginId: string) {
  return db.from('ente_plugins').where({ ente_id: enteId, plugin_id: pluginId }).firstOrFail()
}

/** The opening tag of the element with this id (attributes in any order). */
export function tagWithId(html: string, id: string) {
  const match = new RegExp(`<(input|select|textarea)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html)
  if (!match) throw new Error(`no form control with id "${id}" in the page`)
  return match[0]
}
