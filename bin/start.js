#!/usr/bin/env node
/**
 * `npm start`: the embedded platform on a bare machine.
 * 1. creates .env from .env.example with a fresh APP_KEY when missing;
 * 2. migrates the database and runs the seeders not yet run (`node ace setup`);
 * 3. serves the app (in-process queue, local files, development mailbox).
 */
import { spawn, spawnSync } from 'node:child_process'
import { ensureEnvFile, readEnvFile } from './env_file.js'

const root = new URL('../', import.meta.url)
const created = ensureEnvFile(root)
if (created) {
  console.log('Creato .env con una nuova APP_KEY (non va mai messo sotto controllo di versione).')
}

const setup = spawnSync(process.execPath, ['ace', 'setup'], { cwd: root, stdio: 'inherit' })
if (setup.status !== 0) {
  process.exit(setup.status ?? 1)
}

const server = spawn(
  process.execPath,
  ['--import=ts-node-maintained/register/esm', '--enable-source-maps', 'bin/server.ts'],
  { cwd: root, stdio: 'inherit' }
)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal))
}
server.on('exit', (code) => process.exit(code ?? 0))

const env = readEnvFile(root)
const base = `http://localhost:${process.env.PORT || env.PORT || 3333}`
if (await waitForServer(`${base}/health/live`)) {
  printWelcome(base, process.env.DEMO_PASSWORD || env.DEMO_PASSWORD || 'Bugliano.2026')
}

async function waitForServer(url) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return true
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

function printWelcome(url, password) {
  console.log(`
  Servizi digitali in esecuzione

  Sito del Comune di Bugliano   ${url}/comune-di-bugliano/
  Accesso operatori             ${url}/comune-di-bugliano/operatori/login
  Amministrazione piattaforma   ${url}/admin
  Casella e-mail di sviluppo    ${url}/dev/mailbox
  Stato dei servizi             ${url}/health

  Account demo (password: ${password})
    admin             amministratore della piattaforma
    admin.bugliano    amministratore del Comune di Bugliano
    lorenzo.bertoli   manager
    mario.rossi       operatore
    giulia.verdi      operatrice del Comune di Esempio
`)
}
