import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { queue } from '#queue/queue'
import { outbox } from '#queue/outbox'
import { subscriptions } from '#queue/subscriptions'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import type { QueueConfig } from '#queue/config'

/**
 * The background part of the queue in this process: the worker (when this
 * process works jobs) and the outbox dispatcher. Started by the queue
 * provider in the web process and by `node ace queue:work`, never by other
 * ace commands or by the test runner unless a test asks.
 */
class QueueRuntime {
  #dispatcher: OutboxDispatcher | null = null
  #stopListening: (() => void) | null = null

  async start({ worker }: { worker: boolean }) {
    if (this.#dispatcher) return
    const config = app.config.get<QueueConfig>('queue')
    if (worker) await queue.driver.startWorker()
    const dispatcher = new OutboxDispatcher({
      ...config.outbox,
      queue: queue.driver,
      subscriptions,
    })
    dispatcher.start()
    this.#stopListening = outbox.onCommitted(() => dispatcher.notify())
    this.#dispatcher = dispatcher
    logger.info(
      `queue: driver ${queue.driver.name}, worker ${worker ? 'attivo' : 'non attivo'} in questo processo`
    )
  }

  /** Wakes the dispatcher of this process, if it runs here. */
  notifyOutbox() {
    this.#dispatcher?.notify()
  }

  async stop() {
    this.#stopListening?.()
    this.#stopListening = null
    await this.#dispatcher?.stop()
    this.#dispatcher = null
    await queue.close()
  }
}

export const queueRuntime = new QueueRuntime()
