import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import type { ApplicationService } from '@adonisjs/core/types'
import { runVersionedSeeders } from '#services/setup/versioned_seeders'

export type SetupResult = { migrated: string[]; seeded: string[] }

/**
 * Migrations, then the versioned seeders that have not run yet. Used by
 * `node ace setup` at every `npm start` and by the tests.
 */
export async function setupDatabase(app: ApplicationService): Promise<SetupResult> {
  const migrator = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
  await migrator.run()
  if (migrator.error) {
    throw migrator.error
  }
  const migrated = Object.values(migrator.migratedFiles).map((file) => file.file.name)
  const seeded = await runVersionedSeeders(app)
  return { migrated, seeded }
}
