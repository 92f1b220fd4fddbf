import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { waitUntil } from '#tests/embedded/process_helpers'

/**
 * A throw-away redis-server on its own port, without persistence, in its
 * own process group (detached: setsid), so the test can take it down and
 * bring it back like a Redis crash and restart.
 */
export class RedisServer {
  #child: ChildProcess | null = null

  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  async start() {
    if (this.#child) throw new Error(`redis-server already started on port ${this.port}`)
    const args = [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]
    this.#child = spawn('redis-server', args, { detached: true, stdio: 'ignore' })
    await waitUntil(
      () => this.#answersPing(),
      10_000,
      () => `redis-server did not start on port ${this.port}`
    )
  }

  /** kill -9 of its process group: Redis is gone at once, as in a crash. */
  async stop() {
    const child = this.#child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(-child.pid!, 'SIGKILL')
    await exited
    this.#child = null
  }

  #answersPing(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1')
      socket.setTimeout(1000)
      socket.once('connect', () => socket.write('PING\r\n'))
      socket.once('data', (data) => {
        socket.destroy()
        resolve(data.toString().startsWith('+PONG'))
      })
      socket.once('error', () => resolve(false))
      socket.once('timeout', () => {
        socket.destroy()
        resolve(false)
      })
    })
  }
}
