import vine from '@vinejs/vine'

/**
 * The "Abilitato" switch of the plugin settings form. The `config[...]`
 * inputs are validated by the plugin's own schema (TenantPlugins.configure).
 */
export const pluginSettingsValidator = vine.compile(
  vine.object({
    enabled: vine.boolean().optional(),
  })
)
