import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Boots the plugin registry from config/plugins.ts (filled in by the
 * plugin runtime).
 */
export default class PluginProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {}
}
