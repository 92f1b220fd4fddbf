import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { waitUntil } from './process_helpers.js'

/**
 * The real app server (bin/server.ts) in a child process of its own
 * session and process group (detached: the child calls setsid), so a test
 * can kill -9 the whole group, as a crash or an OOM kill would.
 */
export class AppServer {
  #output: string[] = []
  readonly child: ChildProcess

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', 'bin/server.ts'],
      {
        cwd: app.makePath(),
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      stream.on('data', (chunk: Buffer) => this.#output.push(chunk.toString()))
    }
  }

  /** The server's last output lines, to explain a failure. */
  get output() {
    return this.#output.join('').split('\n').slice(-40).join('\n')
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** kill -9 of the whole process group; resolves once the server is gone. */
  async kill() {
    if (!this.alive) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    try {
      process.kill(-this.child.pid!, 'SIGKILL')
    } catch {
      // the group is already gone
    }
    await exited
  }

  async waitForHttp(port: number, timeoutMs = 60_000) {
    await waitUntil(
      async () => {
        if (!this.alive) throw new Error(`the server exited:\n${this.output}`)
        return fetch(`http://127.0.0.1:${port}/health`).then(
          () => true,
          () => false
        )
      },
      timeoutMs,
      () => `the server did not answer on port ${port}:\n${this.output}`
    )
  }
}
