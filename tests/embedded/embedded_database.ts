import { rmSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { MigrationRunner } from '@adonisjs/lucid/migration'
import { pluginMigrationPaths } from '#plugin_runtime/migration_paths'

/**
 * An SQLite file of its own for a server child process, open in this test
 * process too under `connectionName` (WAL, as the server opens it: both
 * write to it at once), migrated with the plugins' tables.
 */
export async function openEmbeddedDatabase(connectionName: string, sqlitePath: string) {
  const remove = () => {
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(app.makePath(sqlitePath + suffix), { force: true })
  }
  remove()
  db.manager.add(connectionName, {
    client: 'better-sqlite3',
    connection: { filename: app.makePath(sqlitePath) },
    useNullAsDefault: true,
    pool: {
      afterCreate: (connection: any, done: (error: Error | null, conn: any) => void) => {
        connection.pragma('journal_mode = WAL')
        connection.pragma('busy_timeout = 5000')
        done(null, connection)
      },
    },
    migrations: {
      naturalSort: true,
      paths: ['database/migrations', ...pluginMigrationPaths],
    },
  })
  const migrator = new MigrationRunner(db, app, { direction: 'up', connectionName })
  await migrator.run()
  if (migrator.error) throw migrator.error

  return async function close() {
    await db.manager.close(connectionName)
    remove()
  }
}
