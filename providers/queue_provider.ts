import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Starts the queue driver and the outbox dispatcher (filled in by app/queue).
 */
export default class QueueProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {}
}
