import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The worker process: works the queue's jobs and moves outbox events to
 * the queue until it receives SIGTERM or SIGINT, then finishes the running
 * jobs (bounded wait) and exits. With Redis this is where jobs run; it also
 * works with the database driver (PostgreSQL) to add workers.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Work queued jobs and dispatch outbox events until stopped'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { queueRuntime } = await import('#queue/runtime')
    await queueRuntime.start({ worker: true })
    this.logger.info('queue:work avviato (SIGTERM o Ctrl+C per fermarlo)')

    // app.terminate() runs the queue provider's terminating hook, which stops
    // the runtime (bin/console.ts already calls it on SIGTERM)
    process.once('SIGINT', async () => {
      this.logger.info('queue:work: arresto, attendo i job in corso')
      await this.app.terminate()
    })
  }
}
