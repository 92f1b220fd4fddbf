#!/usr/bin/env node
/**
 * `npm start`: the embedded platform on a bare machine.
 * 1. creates .env from .env.example with a fresh APP_KEY when missing;
 * 2. migrates the database and runs the seeders not yet run (`node ace setup`);
 * 3. serves the app (in-process queue, local files, development mailbox).
 */
import { spawn, spawnSync } from 'node:child_process'
import { ensureEnvFile } from './env_file.js'

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
