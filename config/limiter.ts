import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/limiter'

/**
 * Login and password-reset attempts (app/services/auth/throttles.ts).
 *
 * The database store (table rate_limits) counts across every web process
 * and survives restarts, on SQLite and PostgreSQL alike. Tests use the
 * memory store: the database store takes its own pooled connection, which
 * the tests' global transaction holds (SQLite has a single one), and the
 * test HTTP server runs in the test process, so memory counts the same.
 */
const limiterConfig = defineConfig({
  default: app.inTest ? 'memory' : 'database',
  stores: {
    database: stores.database({ tableName: 'rate_limits', clearExpiredByTimeout: true }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
