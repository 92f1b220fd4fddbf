import type { ApplicationService } from '@adonisjs/core/types'
import type { QueueConfig } from '#queue/config'

/**
 * Starts the queue in the web process: the outbox dispatcher always, the
 * worker unless the jobs are worked elsewhere (with Redis, by default,
 * `node ace queue:work`). Other ace commands and the test runner start
 * nothing (queue:work and tests start the runtime themselves).
 */
export default class QueueProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    // a terminating hook runs before the providers' shutdown, so running jobs
    // finish while the database connections are still open
    this.app.terminating(async () => {
      const { queueRuntime } = await import('#queue/runtime')
      await queueRuntime.stop()
    })
  }

  async ready() {
    if (this.app.getEnvironment() !== 'web') return
    const { queueRuntime } = await import('#queue/runtime')
    const config = this.app.config.get<QueueConfig>('queue')
    await queueRuntime.start({ worker: config.inProcessWorker })
  }
}
