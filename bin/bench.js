#!/usr/bin/env node
/**
 * `npm run bench`: builds the app, runs it with production settings
 * against a bench database filled by the bench seeder, and measures each
 * scenario with autocannon next to a bare route on the same server, in the
 * same run. Prints requests/s and p99 latency per scenario and their ratio
 * to the bare route; writes tmp/bench-results.json.
 *
 * Environment: BENCH_DURATION (seconds per scenario, default 10),
 * BENCH_CONNECTIONS (default 20), BENCH_DB (pg | sqlite; default pg when
 * PostgreSQL answers on 127.0.0.1:5432), BENCH_DB_NAME (the PostgreSQL
 * database, default stanza_bench), BENCH_SKIP_BUILD=1 to reuse build/.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { ensurePostgresDatabase, ensureServices } from './prerequisites.js'
import { SCENARIOS } from './bench_scenarios.js'

const root = new URL('../', import.meta.url)
const buildDir = new URL('build/', root)
const port = Number(process.env.BENCH_PORT || 33390)
const duration = Number(process.env.BENCH_DURATION || 10)
const connections = Number(process.env.BENCH_CONNECTIONS || 20)
const benchDatabase = process.env.BENCH_DB_NAME || 'stanza_bench'

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`"${command} ${args.join(' ')}" non è riuscito`)
    process.exit(result.status ?? 1)
  }
}

async function benchEnv() {
  const problems = []
  let useSqlite = process.env.BENCH_DB === 'sqlite'
  if (!useSqlite) {
    await ensureServices(problems, { postgres: true, redis: false })
    if (!problems.length) await ensurePostgresDatabase(benchDatabase, problems)
    if (problems.length) {
      console.warn(`PostgreSQL non disponibile (${problems.join('; ')}): uso SQLite`)
      useSqlite = true
    }
  }
  const database = useSqlite
    ? { DB_CONNECTION: 'sqlite', SQLITE_PATH: new URL('tmp/bench.sqlite', root).pathname }
    : {
        DB_CONNECTION: 'pg',
        DB_HOST: '127.0.0.1',
        DB_PORT: '5432',
        DB_USER: 'postgres',
        DB_PASSWORD: '',
        DB_DATABASE: benchDatabase,
      }
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_KEY: randomBytes(32).toString('base64url'),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    SESSION_DRIVER: 'cookie',
    MAIL_TRANSPORT: 'mailbox',
    DRIVE_DISK: 'fs',
    DEMO_DATA: 'false',
    REDIS_URL: '',
    BENCH_MODE: 'true',
    ...database,
  }
}

async function waitForServer(url, seconds = 60) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`il server non risponde su ${url}`)
}

function measure(path, extra = {}) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `http://127.0.0.1:${port}${path}`, duration, connections, headers: { accept: 'text/html' }, ...extra },
      (error, result) => (error ? reject(error) : resolve(result))
    )
  })
}

/**
 * A scenario with a `flow` (bin/bench_scenarios.js) runs a sequence of
 * requests per connection; its redirects are its answers, and the flow
 * counts the steps that went wrong.
 */
async function measureScenario(scenario) {
  if (!scenario.flow) {
    const result = await measure(scenario.path)
    return { result, problems: result.non2xx ? `${result.non2xx} risposte non 2xx` : null }
  }
  const flow = await scenario.flow(`http://127.0.0.1:${port}`, connections)
  const result = await measure(scenario.path, { requests: flow.requests })
  const failed = flow.failures() + result['4xx'] + result['5xx']
  return { result, problems: failed ? `${failed} passaggi non andati a buon fine` : null }
}

mkdirSync(new URL('tmp/', root), { recursive: true })
if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('--- build')
  run(process.execPath, ['ace', 'build'], { cwd: root })
}

const env = await benchEnv()
console.log(`--- bench database (${env.DB_CONNECTION})`)
run(process.execPath, ['ace', 'setup', '--quiet'], { cwd: buildDir, env })
run(process.execPath, ['ace', 'bench:seed'], { cwd: buildDir, env })

console.log('--- server')
const server = spawn(process.execPath, ['bin/server.js'], { cwd: buildDir, env, stdio: 'inherit', detached: true })
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM')
  } catch {}
}
process.on('exit', stop)

try {
  await waitForServer(`http://127.0.0.1:${port}/health/live`)
  const results = []
  for (const scenario of SCENARIOS) {
    // warm-up, so the first scenario does not pay for cold caches
    await measure(scenario.bare).catch(() => {})
    const bare = await measure(scenario.bare)
    const { result: target, problems } = await measureScenario(scenario)
    if (problems || target.errors) {
      throw new Error(`${scenario.name}: ${problems ?? ''} ${target.errors} errori`)
    }
    results.push({
      scenario: scenario.name,
      path: scenario.path,
      requestsPerSecond: target.requests.average,
      p99Ms: target.latency.p99,
      bareRequestsPerSecond: bare.requests.average,
      bareP99Ms: bare.latency.p99,
      ratio: target.requests.average / bare.requests.average,
      ...(scenario.requestsPerOperation
        ? { operationsPerSecond: target.requests.average / scenario.requestsPerOperation }
        : {}),
    })
  }

  console.log(`\nScenari (${duration} s ciascuno, ${connections} connessioni, database ${env.DB_CONNECTION}):`)
  console.table(
    results.map((result) => ({
      scenario: result.scenario,
      'req/s': Math.round(result.requestsPerSecond),
      'p99 ms': result.p99Ms,
      'bare req/s': Math.round(result.bareRequestsPerSecond),
      'bare p99 ms': result.bareP99Ms,
      'rapporto': result.ratio.toFixed(3),
      ...(result.operationsPerSecond ? { 'operazioni/s': Math.round(result.operationsPerSecond) } : {}),
    }))
  )
  writeFileSync(new URL('tmp/bench-results.json', root), JSON.stringify(results, null, 2))
} finally {
  stop()
}
process.exit(0)
