/**
 * What the test suite needs from the system, checked before it runs.
 * Where it can (root with apt), it installs or starts what is missing;
 * otherwise it stops with the exact command to run.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const isRoot = process.getuid?.() === 0
const hasApt = existsSync('/usr/bin/apt-get')

/** Debian packages the tests use, with the binary that shows each is there. */
const DEBIAN_PACKAGES = [
  { pkg: 'chromium', bin: '/usr/bin/chromium', why: 'browser tests (Playwright drives Debian Chromium)' },
  { pkg: 'redis-server', bin: '/usr/bin/redis-server', why: 'queue tests against a real Redis' },
  { pkg: 'libxml2-utils', bin: '/usr/bin/xmllint', why: 'SPID/CIE metadata and requests checked against the XSD' },
  { pkg: 'xmlsec1', bin: '/usr/bin/xmlsec1', why: 'SPID/CIE signatures checked as spid-sp-test does' },
  { pkg: 'poppler-utils', bin: '/usr/bin/pdftotext', why: 'the modulo compilato PDF read back in the tests (pdftotext)' },
]

function aptInstall(packages) {
  console.log(`Installo con apt: ${packages.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env,
  })
  return update.status === 0 && install.status === 0
}

export function ensureDebianPackages(problems) {
  const missing = DEBIAN_PACKAGES.filter((entry) => !existsSync(entry.bin))
  if (!missing.length) return
  const packages = missing.map((entry) => entry.pkg)
  if (isRoot && hasApt && aptInstall(packages) && missing.every((entry) => existsSync(entry.bin))) return
  for (const entry of missing) problems.push(`manca ${entry.pkg} (${entry.why})`)
  problems.push(`esegui: sudo apt-get install -y ${packages.join(' ')}`)
}

/** better-sqlite3 is compiled at install: a missing toolchain shows up here. */
export function checkSqliteBinding(problems) {
  try {
    const Database = require('better-sqlite3')
    new Database(':memory:').close()
  } catch (error) {
    problems.push(`better-sqlite3 non si carica (${error.message.split('\n')[0]})`)
    problems.push('serve un compilatore C++: sudo apt-get install -y python3 make g++ && npm rebuild better-sqlite3')
  }
}

function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port })
    const done = (open) => {
      socket.destroy()
      resolve(open)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

async function waitForPort(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portOpen(host, port, 250)) return true
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

const POSTGRES_START = () => {
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : []
  return versions.length
    ? ['pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start']]
    : null
}
const REDIS_START = [
  'redis-server',
  ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'],
]

/**
 * PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379, started when
 * they are installed but down.
 */
export async function ensureServices(problems, { postgres = true, redis = true } = {}) {
  if (postgres && !(await portOpen('127.0.0.1', 5432))) {
    const start = POSTGRES_START()
    if (start && isRoot) {
      console.log('PostgreSQL non risponde: lo avvio.')
      spawnSync(start[0], start[1], { stdio: 'inherit' })
    }
    if (!(await waitForPort('127.0.0.1', 5432, 20))) {
      problems.push('PostgreSQL non risponde su 127.0.0.1:5432')
      problems.push(
        start
          ? `avvialo con: sudo ${start[0]} ${start[1].join(' ')}`
          : 'installalo con: sudo apt-get install -y postgresql'
      )
    }
  }
  if (redis && !(await portOpen('127.0.0.1', 6379))) {
    if (existsSync('/usr/bin/redis-server')) {
      console.log('Redis non risponde: lo avvio.')
      spawnSync(REDIS_START[0], REDIS_START[1], { stdio: 'inherit' })
    }
    if (!(await waitForPort('127.0.0.1', 6379, 10))) {
      problems.push('Redis non risponde su 127.0.0.1:6379')
      problems.push(`avvialo con: ${REDIS_START[0]} ${REDIS_START[1].map((a) => a || '""').join(' ')}`)
    }
  }
}

/** A dedicated PostgreSQL database for the services run. */
export async function ensurePostgresDatabase(name, problems) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' })
  try {
    await client.connect()
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (!exists.rowCount) {
      await client.query(`create database "${name}"`)
    }
  } catch (error) {
    problems.push(`database PostgreSQL "${name}" non disponibile: ${error.message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
