#!/usr/bin/env node
/**
 * `npm run bench`: builds the app, runs it with production settings
 * against a bench database filled by the bench seeder, and measures each
 * scenario with autocannon next to a bare route on the same server, in the
 * same run. Prints requests/s, p95 and p99 latency per scenario and their
 * ratio to the bare route; writes tmp/bench-results.json. Scenarios with
 * `login` run as a staff member logged in through the login form. Then the
 * CSV exports (EXPORTS): rows/s and the server's peak memory, written to
 * tmp/bench-exports.json. Then payment positions created through the
 * MyPay adapter and its simulator (positions/s, p95), tmp/bench-payments.json.
 *
 * Environment: BENCH_DURATION (seconds per scenario, default 10),
 * BENCH_CONNECTIONS (default 20), BENCH_DB (pg | sqlite; default pg when
 * PostgreSQL answers on 127.0.0.1:5432), BENCH_DB_NAME (the PostgreSQL
 * database, default stanza_bench), BENCH_SKIP_BUILD=1 to reuse build/.
 */
import { spawn, spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import autocannon from 'autocannon'
import { ensurePostgresDatabase, ensureServices } from './prerequisites.js'
import { EXPORTS, SCENARIOS } from './bench_scenarios.js'

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

// autocannon's histogram has no p95: it is computed from every response time
function measure(path, extra = {}) {
  return new Promise((resolve, reject) => {
    const times = []
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}${path}`, duration, connections, headers: { accept: 'text/html' }, ...extra },
      (error, result) => (error ? reject(error) : resolve({ ...result, p95: percentile(times, 95) }))
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

function percentile(values, p) {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10
}

/**
 * A staff session for scenarios with `login` ({ ente, username, password }):
 * the real login form, its CSRF token and the session cookie it sets.
 */
const staffSessions = new Map()

async function staffCookie({ ente, username, password }) {
  const key = `${ente}/${username}`
  if (staffSessions.has(key)) return staffSessions.get(key)
  const loginUrl = `http://127.0.0.1:${port}/${ente}/operatori/login`
  const jar = new Map()
  const page = await fetch(loginUrl)
  keepCookies(jar, page)
  const csrf = (await page.text()).match(/name=['"]_csrf['"] value=['"]([^'"]+)/)?.[1]
  const response = await fetch(loginUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'cookie': cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf ?? '', username, password }).toString(),
  })
  if (response.status !== 302 || !String(response.headers.get('location')).endsWith('/backoffice')) {
    throw new Error(`login di ${username} su ${ente}: risposta ${response.status}`)
  }
  keepCookies(jar, response)
  staffSessions.set(key, cookieHeader(jar))
  return staffSessions.get(key)
}

function keepCookies(jar, response) {
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';')
    const [name, value] = pair.split('=')
    const expired = attributes.some((attribute) => /max-age=0|expires=thu, 01 jan 1970/i.test(attribute))
    if (expired || !value) jar.delete(name.trim())
    else jar.set(name.trim(), value.trim())
  }
}

const cookieHeader = (jar) => [...jar].map(([name, value]) => `${name}=${value}`).join('; ')

/** `{servizio:<name>}` in a path: the id of the service of that name, from the list's filter. */
async function resolvePath(path, cookie, listPath) {
  if (!path.includes('{servizio:')) return path
  const html = await (await fetch(`http://127.0.0.1:${port}${listPath}`, { headers: { cookie } })).text()
  return path.replace(/\{servizio:([^}]+)\}/g, (_, name) => {
    const option = html.match(new RegExp(`<option value="(\\d+)"[^>]*>\\s*${name}\\s*</option>`))
    if (!option) throw new Error(`servizio "${name}" non trovato in ${listPath}`)
    return option[1]
  })
}

/** The resident memory of a process, in MB (Linux). */
function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024
}

/**
 * One CSV export (bin/bench_scenarios.js EXPORTS): the file is read as it
 * streams; rows/s, and the server's RSS sampled every 20 ms against the
 * RSS before the request.
 */
async function measureExport(spec, pid) {
  const cookie = await staffCookie(spec.login)
  const path = await resolvePath(spec.path, cookie, `/${spec.login.ente}/backoffice`)
  const before = rssMb(pid)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20)
  const started = performance.now()
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } })
  if (!response.ok) throw new Error(`${spec.name}: risposta ${response.status}`)
  let bytes = 0
  let lines = 0
  for await (const chunk of response.body) {
    bytes += chunk.length
    for (const byte of chunk) if (byte === 10) lines++
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const rows = lines - 1 - spec.summaryRows
  return {
    export: spec.name,
    path,
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
    megabytes: Math.round((bytes / 1024 / 1024) * 10) / 10,
    rssBeforeMb: Math.round(before),
    rssPeakMb: Math.round(peak),
  }
}

/**
 * A scenario with a `flow` (bin/bench_scenarios.js) runs a sequence of
 * requests per connection; its redirects are its answers, and the flow
 * counts the steps that went wrong.
 */
async function measureScenario(scenario) {
  if (scenario.login) {
    const cookie = await staffCookie(scenario.login)
    const path = await resolvePath(scenario.path, cookie, `/${scenario.login.ente}/backoffice`)
    const result = await measure(path, {
      headers: { accept: 'text/html', cookie },
      ...(scenario.connections ? { connections: scenario.connections } : {}),
    })
    return { result, problems: result.non2xx ? `${result.non2xx} risposte non 2xx` : null }
  }
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
const signal = (name) => {
  try {
    process.kill(-server.pid, name)
  } catch {}
}
// the server finishes its queued jobs on SIGTERM, which can take long after
// a submission scenario: the bench waits a little, then ends it for good
const stop = async () => {
  signal('SIGTERM')
  const exited = new Promise((resolve) => server.once('exit', resolve))
  const late = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)])
  if (late) signal('SIGKILL')
}
process.on('exit', () => signal('SIGKILL'))

try {
  await waitForServer(`http://127.0.0.1:${port}/health/live`)
  const results = []
  for (const scenario of SCENARIOS) {
    // warm-up, so the first scenario does not pay for cold caches
    await measure(scenario.bare).catch(() => {})
    // a scenario may set its own number of connections (the bare route gets the same)
    const bare = await measure(
      scenario.bare,
      scenario.connections ? { connections: scenario.connections } : {}
    )
    const { result: target, problems } = await measureScenario(scenario)
    if (problems || target.errors) {
      throw new Error(`${scenario.name}: ${problems ?? ''} ${target.errors} errori`)
    }
    results.push({
      scenario: scenario.name,
      path: scenario.path,
      requestsPerSecond: target.requests.average,
      p95Ms: target.p95,
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
      'p95 ms': result.p95Ms,
      'p99 ms': result.p99Ms,
      'bare req/s': Math.round(result.bareRequestsPerSecond),
      'bare p99 ms': result.bareP99Ms,
      'rapporto': result.ratio.toFixed(3),
      ...(result.operationsPerSecond ? { 'operazioni/s': Math.round(result.operationsPerSecond) } : {}),
    }))
  )
  writeFileSync(new URL('tmp/bench-results.json', root), JSON.stringify(results, null, 2))

  const exports = []
  for (const spec of EXPORTS) exports.push(await measureExport(spec, server.pid))
  if (exports.length) {
    console.log('\nEsportazioni CSV (una alla volta, memoria del server campionata ogni 20 ms):')
    console.table(
      exports.map((result) => ({
        'esportazione': result.export,
        'righe': result.rows,
        'secondi': result.seconds,
        'righe/s': result.rowsPerSecond,
        'MB': result.megabytes,
        'RSS prima MB': result.rssBeforeMb,
        'RSS picco MB': result.rssPeakMb,
      }))
    )
    writeFileSync(new URL('tmp/bench-exports.json', root), JSON.stringify(exports, null, 2))
  }

  // payment positions through the real MyPay adapter and its simulator (commands/bench_payments.ts)
  run(process.execPath, ['ace', 'bench:payments'], {
    cwd: buildDir,
    env: { ...env, BENCH_PAYMENTS_OUT: new URL('tmp/bench-payments.json', root).pathname },
  })
} finally {
  await stop()
}
process.exit(0)
