import type { DatabaseDriverOptions } from '#queue/database_driver'
import type { BullmqDriverOptions } from '#queue/bullmq_driver'
import type { QueueDriverName } from '#queue/types'
import type { OutboxDispatcherOptions } from '#queue/outbox_dispatcher'

/** Shape of config/queue.ts. */
export interface QueueConfig {
  driver: QueueDriverName
  /** whether the web process also works jobs (queue:work always does) */
  inProcessWorker: boolean
  database: Omit<DatabaseDriverOptions, 'clock'>
  bullmq: Omit<BullmqDriverOptions, 'url'> & { url?: string }
  outbox: Omit<OutboxDispatcherOptions, 'queue' | 'clock' | 'subscriptions'>
}

export function defineConfig(config: QueueConfig): QueueConfig {
  return config
}
