import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import { pluginMigrationPaths } from '#plugin_runtime/migration_paths'

/**
 * Embedded default: an SQLite file under storage/. Production and the
 * services test run: PostgreSQL (DB_CONNECTION=pg).
 */
const sqliteFile = env.get('SQLITE_PATH') || app.makePath('storage/database.sqlite')
// created on first start, with its folder
mkdirSync(dirname(app.makePath(sqliteFile)), { recursive: true })

const migrations = {
  naturalSort: true,
  // a getter: plugins add their folders at boot, after config files load
  get paths() {
    return ['database/migrations', ...pluginMigrationPaths]
  },
}

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION', 'sqlite'),
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: app.makePath(sqliteFile),
      },
      useNullAsDefault: true,
      pool: {
        afterCreate: (connection: any, done: (error: Error | null, conn: any) => void) => {
          connection.pragma('journal_mode = WAL')
          connection.pragma('busy_timeout = 5000')
          done(null, connection)
        },
      },
      migrations,
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('DB_HOST'),
        port: env.get('DB_PORT', 5432),
        user: env.get('DB_USER'),
        password: env.get('DB_PASSWORD'),
        database: env.get('DB_DATABASE'),
      },
      pool: { min: 0, max: 10 },
      migrations,
    },
  },
})

export default dbConfig
