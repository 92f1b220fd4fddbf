import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { summaryFileReporter } from '#tests/reporters/summary_file_reporter'
import { spec } from '@japa/runner/reporters'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'summary-file'],
  list: [spec(), summaryFileReporter()],
}

/**
 * Every run starts from an empty, freshly migrated database (the SQLite
 * file or the PostgreSQL test database, per DB_CONNECTION).
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await db.connection().dropAllTables()
      await testUtils.db().migrate()
    },
  ],
  teardown: [],
}

/**
 * Every test starts with empty rate-limit counters: the tests' requests all
 * come from 127.0.0.1, and the memory store lives as long as the process.
 */
function clearRateLimits() {
  return limiter.clear(['memory'])
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  suite.onGroup((group) => group.each.setup(clearRateLimits))
  suite.onTest((test) => test.setup(clearRateLimits))
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
