import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Ente from '#models/ente'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { POINT_LABELS } from '#plugin_runtime/points'
import { contractValidator } from '#validators/plugins/contract'

/**
 * Platform admin: which allowed plugins an ente's contract includes.
 */
@inject()
export default class PluginContractsController {
  constructor(protected contracts: PluginContracts) {}

  async edit({ params, view }: HttpContext) {
    const ente = await Ente.findOrFail(params.id)
    const plugins = await this.contracts.of(ente)
    return view.render('pages/admin/plugins/contract', {
      title: `Plugin di ${ente.name}`,
      ente,
      plugins,
      pointLabels: POINT_LABELS,
    })
  }

  async update({ params, request, response, session }: HttpContext) {
    const ente = await Ente.findOrFail(params.id)
    const { plugins } = await request.validateUsing(contractValidator, {
      meta: { allowedIds: this.contracts.offered().map((manifest) => manifest.id) },
    })
    await this.contracts.set(ente, plugins ?? [])
    session.flash('success', 'Contratto aggiornato.')
    return response.redirect().toRoute('admin.plugins.edit', { id: ente.id })
  }
}
