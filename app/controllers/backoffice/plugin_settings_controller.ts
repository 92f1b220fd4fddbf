import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import NotFoundException from '#exceptions/not_found_exception'
import type Ente from '#models/ente'
import { TenantPlugins, type TenantPlugin } from '#plugin_runtime/tenant_plugins'
import { asRecord, withoutSecrets } from '#plugin_runtime/config_values'
import {
  configFormFields,
  firstErrorPerField,
  type ConfigFormState,
} from '#plugin_runtime/config_form'
import { POINT_LABELS } from '#plugin_runtime/points'
import { pluginActions, runPluginAction } from '#plugin_runtime/plugin_actions'
import { pluginSettingsValidator } from '#validators/plugins/plugin_settings'

/**
 * Ente admin: the plugins of the ente's contract, each with a settings
 * form generated from the plugin's field descriptors.
 */
@inject()
export default class PluginSettingsController {
  constructor(protected plugins: TenantPlugins) {}

  async index({ ente, view }: HttpContext) {
    return view.render('pages/backoffice/plugins/index', {
      title: 'Plugin',
      plugins: await this.plugins.inContract(ente),
      pointLabels: POINT_LABELS,
    })
  }

  async edit({ ente, params, view }: HttpContext) {
    const plugin = await this.#findOrFail(ente, params.pluginId)
    return this.#renderForm(view, ente, plugin, {
      ...this.plugins.formState(plugin),
      enabled: plugin.row.enabled,
      errors: {},
    })
  }

  async update({ ente, params, request, response, session, view }: HttpContext) {
    const plugin = await this.#findOrFail(ente, params.pluginId)
    const { enabled = false } = await request.validateUsing(pluginSettingsValidator)
    const config = request.input('config')
    try {
      await this.plugins.configure(ente, plugin.manifest.id, { enabled, config })
    } catch (error) {
      if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
      // rendered here, not flashed: typed secrets must not travel through the session
      response.status(422)
      return this.#renderForm(view, ente, plugin, {
        values: withoutSecrets(plugin.manifest.config, asRecord(config)),
        secretsSet: this.plugins.formState(plugin).secretsSet,
        enabled,
        errors: firstErrorPerField(error.messages),
      })
    }
    session.flash('success', 'Configurazione salvata.')
    return response.redirect().toRoute('backoffice.plugins.edit', {
      ente: ente.slug,
      pluginId: plugin.manifest.id,
    })
  }

  /** One of the plugin's action buttons; the outcome is flashed on its page. */
  async runAction({ ente, params, response, session }: HttpContext) {
    const plugin = await this.#findOrFail(ente, params.pluginId)
    const result = await runPluginAction(ente, plugin.manifest, String(params.action))
    session.flash(result.ok ? 'success' : 'error', result.message)
    return response.redirect().toRoute('backoffice.plugins.edit', {
      ente: ente.slug,
      pluginId: plugin.manifest.id,
    })
  }

  async #findOrFail(ente: Ente, pluginId: string) {
    const plugin = await this.plugins.findInContract(ente, pluginId)
    if (!plugin) throw new NotFoundException()
    return plugin
  }

  #renderForm(
    view: HttpContext['view'],
    ente: Ente,
    plugin: TenantPlugin,
    state: ConfigFormState & { enabled: boolean }
  ) {
    const { enabled: enabledError, ...fieldErrors } = state.errors
    const fields = configFormFields(plugin.manifest.config, { ...state, errors: fieldErrors })
    return view.render('pages/backoffice/plugins/edit', {
      title: plugin.manifest.name,
      plugin,
      pointLabel: POINT_LABELS[plugin.manifest.point],
      fields,
      enabled: state.enabled,
      enabledError,
      errorSummary: [
        ...(enabledError ? [{ href: '#plugin-enabled', message: enabledError }] : []),
        ...fields
          .filter((field) => field.error)
          .map((field) => ({ href: `#${field.id}`, message: field.error })),
      ],
      action: `/${ente.slug}/backoffice/impostazioni/plugin/${plugin.manifest.id}`,
      actions: pluginActions(plugin.manifest),
    })
  }
}
