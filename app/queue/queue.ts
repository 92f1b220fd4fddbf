import app from '@adonisjs/core/services/app'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { BullmqQueueDriver } from '#queue/bullmq_driver'
import type { QueueConfig } from '#queue/config'
import type { DispatchOptions, QueueDriver } from '#queue/types'

/**
 * The queue of the platform, on the driver config/queue.ts picks (BullMQ
 * with REDIS_URL, the database otherwise):
 *
 *   await queue.dispatch('pratiche.acquire', { praticaId }, { key: `acquire:${praticaId}` })
 *
 * To enqueue work as part of a state change, record an outbox event in
 * the change's transaction instead (app/queue/outbox.ts): a dispatch is not
 * rolled back with a failed transaction.
 */
class QueueService {
  #driver: QueueDriver | null = null

  get driver(): QueueDriver {
    this.#driver ??= createDriver(app.config.get<QueueConfig>('queue'))
    return this.#driver
  }

  dispatch(name: string, payload: unknown, options?: DispatchOptions) {
    return this.driver.dispatch(name, payload, options)
  }

  /** Tests: run against another driver; returns the function that restores the previous one. */
  swap(driver: QueueDriver): () => void {
    const previous = this.#driver
    this.#driver = driver
    return () => {
      this.#driver = previous
    }
  }

  async close() {
    await this.#driver?.close()
    this.#driver = null
  }
}

function createDriver(config: QueueConfig): QueueDriver {
  if (config.driver === 'bullmq') {
    if (!config.bullmq.url) throw new Error('The bullmq queue driver needs REDIS_URL')
    return new BullmqQueueDriver({ ...config.bullmq, url: config.bullmq.url })
  }
  return new DatabaseQueueDriver(config.database)
}

export const queue = new QueueService()
