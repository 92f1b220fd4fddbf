import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

/**
 * Creates `.env` from `.env.example` with a fresh APP_KEY when it does not
 * exist, and fills an empty APP_KEY in an existing one. Returns true when it
 * wrote something.
 */
export function ensureEnvFile(root) {
  const envPath = new URL('.env', root)
  const examplePath = new URL('.env.example', root)
  const key = randomBytes(32).toString('base64url')

  if (!existsSync(envPath)) {
    const example = readFileSync(examplePath, 'utf8')
    writeFileSync(envPath, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`), { mode: 0o600 })
    return true
  }
  const current = readFileSync(envPath, 'utf8')
  if (/^APP_KEY=\s*$/m.test(current)) {
    writeFileSync(envPath, current.replace(/^APP_KEY=\s*$/m, `APP_KEY=${key}`))
    return true
  }
  return false
}

/** The variables of `.env` as an object (enough for the start banner). */
export function readEnvFile(root) {
  const envPath = new URL('.env', root)
  if (!existsSync(envPath)) return {}
  const entries = readFileSync(envPath, 'utf8')
    .split('\n')
    .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/))
    .filter(Boolean)
    .map((match) => [match[1], match[2]])
  return Object.fromEntries(entries)
}
