import env from '#start/env'
import { defineConfig } from '#queue/config'

const redisUrl = env.get('REDIS_URL')

/**
 * DESIGN "Queues": BullMQ on Redis when REDIS_URL is set (workers run
 * `node ace queue:work`), otherwise the in-process driver keeps jobs in the
 * database and the web process works them.
 */
const queueConfig = defineConfig({
  driver: redisUrl ? 'bullmq' : 'database',
  inProcessWorker: env.get('QUEUE_IN_PROCESS_WORKER', !redisUrl),

  database: {
    pollIntervalMs: 1000,
    leaseMs: env.get('QUEUE_LEASE_MS', 60_000),
    concurrency: 2,
    shutdownGraceMs: 10_000,
  },

  bullmq: {
    url: redisUrl,
    queueName: 'jobs',
    prefix: 'stanza',
    concurrency: 5,
    connectTimeoutMs: 2000,
    keepCompletedSeconds: 7 * 24 * 3600,
    keepFailedSeconds: 30 * 24 * 3600,
    shutdownGraceMs: 10_000,
  },

  outbox: {
    pollIntervalMs: 2000,
    batchSize: 100,
    retryBaseMs: 5000,
    retryMaxMs: 5 * 60_000,
  },
})

export default queueConfig
