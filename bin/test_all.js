#!/usr/bin/env node
/**
 * `npm test`: the whole suite.
 *
 *   1. checks the system prerequisites (bin/prerequisites.js);
 *   2. runs unit, functional and plugin tests twice: embedded (SQLite,
 *      in-process queue, plus the embedded-only tests) and services
 *      (PostgreSQL, BullMQ on Redis, plus the services-only tests);
 *   3. runs the browser suite once;
 *   4. prints the totals of all runs as one last line: `N passed, N failed`.
 *
 * `npm test -- embedded` (or services, browser) runs one of them; extra
 * arguments after it go to Japa, e.g. `npm test -- embedded --files=health`.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { ensureEnvFile } from './env_file.js'
import {
  checkSqliteBinding,
  ensureDebianPackages,
  ensurePostgresDatabase,
  ensureServices,
} from './prerequisites.js'

const root = new URL('../', import.meta.url)
const tmp = new URL('tmp/', root)
mkdirSync(tmp, { recursive: true })
// a fresh clone has no .env: the same one `npm start` would create
ensureEnvFile(root)

const PG_DATABASE = process.env.TEST_PG_DATABASE || 'stanza_test'
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379/1'

const RUNS = {
  embedded: {
    suites: ['unit', 'functional', 'plugins', 'embedded'],
    env: {
      PORT: '33331',
      DB_CONNECTION: 'sqlite',
      SQLITE_PATH: 'tmp/test-embedded.sqlite',
      REDIS_URL: '',
    },
  },
  services: {
    suites: ['unit', 'functional', 'plugins', 'services'],
    env: {
      PORT: '33332',
      DB_CONNECTION: 'pg',
      DB_HOST: '127.0.0.1',
      DB_PORT: '5432',
      DB_USER: 'postgres',
      DB_PASSWORD: '',
      DB_DATABASE: PG_DATABASE,
      REDIS_URL,
    },
  },
  browser: {
    suites: ['browser'],
    env: { PORT: '33333', DB_CONNECTION: 'sqlite', SQLITE_PATH: 'tmp/test-browser.sqlite', REDIS_URL: '' },
  },
}

const [only, ...japaArgs] = process.argv.slice(2)
if (only && !RUNS[only]) {
  console.error(`Uso: npm test [-- ${Object.keys(RUNS).join('|')} [argomenti di Japa]]`)
  process.exit(2)
}
const selected = only ? [only] : Object.keys(RUNS)

const problems = []
checkSqliteBinding(problems)
ensureDebianPackages(problems)
await ensureServices(problems, {
  postgres: selected.includes('services'),
  redis: selected.some((name) => name !== 'browser'),
})
if (selected.includes('services') && !problems.length) {
  await ensurePostgresDatabase(PG_DATABASE, problems)
}
if (problems.length) {
  console.error('\nI test non possono partire:')
  for (const problem of problems) console.error(`  - ${problem}`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

function runJapa(name) {
  const run = RUNS[name]
  const summaryFile = new URL(`summary-${name}.json`, tmp)
  rmSync(summaryFile, { force: true })
  console.log(`\n=== ${name}: ${run.suites.join(', ')} ===\n`)

  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['ace', 'test', ...run.suites, ...japaArgs], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        // links and IdP callbacks must point at the server the tests start
        APP_URL: `http://localhost:${run.env.PORT}`,
        ...run.env,
        TEST_SUMMARY_FILE: summaryFile.pathname,
      },
    })
    child.on('exit', (code) => {
      const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : null
      // a run that crashed before reporting counts as one failure
      const failed = summary ? summary.failed : 1
      resolve({ name, passed: summary?.passed ?? 0, failed: code !== 0 && failed === 0 ? 1 : failed })
    })
  })
}

const results = []
for (const name of selected) {
  results.push(await runJapa(name))
}

console.log('')
for (const result of results) {
  console.log(`${result.name}: ${result.passed} passed, ${result.failed} failed`)
}
const passed = results.reduce((sum, result) => sum + result.passed, 0)
const failed = results.reduce((sum, result) => sum + result.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
