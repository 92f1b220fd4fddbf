import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Brings a database up to date: runs pending migrations, then the
 * versioned seeders not yet run (demo data only outside production).
 * Safe to run at every start: a second run changes nothing.
 */
export default class Setup extends BaseCommand {
  static commandName = 'setup'
  static description = 'Migrate the database and run the seeders not yet run'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print nothing but errors' })
  declare quiet: boolean

  async run() {
    const { setupDatabase } = await import('#services/setup/setup_database')
    const result = await setupDatabase(this.app)
    if (!this.quiet) {
      for (const name of result.migrated) this.logger.info(`migrazione eseguita: ${name}`)
      for (const name of result.seeded) this.logger.info(`dati iniziali caricati: ${name}`)
      if (!result.migrated.length && !result.seeded.length) {
        this.logger.info('database già aggiornato')
      }
    }
  }
}
