import { setTimeout as sleep } from 'node:timers/promises'
import { Queue, Worker, type Job } from 'bullmq'
// ioredis is BullMQ 5's own dependency (the copy it uses), not a separate package
import { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import { jobRegistry } from '#queue/job_registry'
import { QueueUnavailableError } from '#queue/errors'
import { resolveRetryPolicy } from '#queue/retry_policy'
import type { DispatchOptions, FailedJob, QueueDriver } from '#queue/types'

export interface BullmqDriverOptions {
  url: string
  queueName: string
  /** Redis key prefix of every BullMQ key (tests use their own) */
  prefix: string
  concurrency: number
  /** how long a producer waits for a connection in progress before giving up */
  connectTimeoutMs: number
  /** completed jobs are kept this long: a key dispatched again meanwhile is ignored */
  keepCompletedSeconds: number
  /** failed jobs are kept this long for the admin page */
  keepFailedSeconds: number
  /** how long stopWorker() waits for running jobs */
  shutdownGraceMs: number
}

/** What a BullMQ job carries: the payload and the dispatch key (for runOnce). */
interface BullJobData {
  key: string | null
  payload: unknown
}

/**
 * BullMQ driver: same job names and handlers as the database driver,
 * attempts with exponential back-off done by BullMQ, deduplication by
 * jobId derived from the key.
 *
 * Two kinds of connection: the producer (dispatch, admin page) fails fast
 * while Redis is down, so a request or the outbox dispatcher never hangs;
 * the worker's blocking connection waits and reconnects for as long as it
 * takes (BullMQ needs maxRetriesPerRequest: null there).
 */
export class BullmqQueueDriver implements QueueDriver {
  readonly name = 'bullmq' as const

  #redis: Redis | null = null
  #queue: Queue<BullJobData> | null = null
  #worker: Worker<BullJobData> | null = null
  #lastConnectionError: string | null = null

  constructor(private options: BullmqDriverOptions) {}

  async dispatch(name: string, payload: unknown, options: DispatchOptions = {}) {
    const { attempts, backoffMs } = resolveRetryPolicy(name, options)
    const queue = await this.#readyQueue()
    const data: BullJobData = { key: options.key ?? null, payload }
    await this.#producerCall(() =>
      queue.add(name, data, {
        jobId: options.key === undefined ? undefined : bullmqJobId(options.key),
        delay: options.delayMs,
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
      })
    )
  }

  async startWorker() {
    if (this.#worker) return
    const worker = new Worker<BullJobData>(this.options.queueName, (job) => this.#process(job), {
      connection: { url: this.options.url, maxRetriesPerRequest: null },
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
    })
    worker.on('error', (error) => this.#logRedisError(error))
    worker.on('failed', (job, error) => {
      logger.warn(
        { job: job?.name, id: job?.id, attempt: job?.attemptsMade },
        `queue: job failed (${error.message})`
      )
    })
    this.#worker = worker
  }

  async stopWorker() {
    const worker = this.#worker
    if (!worker) return
    this.#worker = null
    // close() waits for running jobs; past the grace period their lock expires
    // and BullMQ hands them to another worker as stalled
    await Promise.race([
      worker.close(),
      sleep(this.options.shutdownGraceMs, undefined, { ref: false }),
    ])
  }

  async close() {
    await this.stopWorker()
    const [queue, redis] = [this.#queue, this.#redis]
    this.#queue = null
    this.#redis = null
    await queue?.close()
    if (redis?.status === 'ready') await redis.quit()
    else redis?.disconnect()
  }

  async listFailed(limit: number): Promise<FailedJob[]> {
    const queue = await this.#readyQueue()
    const jobs = await this.#producerCall(() => queue.getFailed(0, limit - 1))
    return jobs.map((job) => ({
      id: String(job.id),
      name: job.name,
      key: job.data?.key ?? null,
      payload: job.data?.payload,
      attempts: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      lastError: job.failedReason || null,
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    }))
  }

  async counts() {
    const queue = await this.#readyQueue()
    const counts = await this.#producerCall(() =>
      queue.getJobCounts('waiting', 'delayed', 'active', 'failed')
    )
    return { waiting: counts.waiting + counts.delayed + counts.active, failed: counts.failed }
  }

  async retryFailed(id: string) {
    const queue = await this.#readyQueue()
    return this.#producerCall(async () => {
      const job = await queue.getJob(id)
      if (!job || !(await job.isFailed())) return false
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
      return true
    })
  }

  async #process(job: Job<BullJobData>) {
    const { handler } = jobRegistry.get(job.name)
    await handler(job.data.payload, {
      attempt: job.attemptsStarted,
      jobKey: job.data.key ?? `bullmq:${job.id}`,
    })
  }

  #producerRedis() {
    if (!this.#redis) {
      this.#redis = new Redis(this.options.url, {
        // while Redis is down commands fail at once instead of waiting in memory
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: this.options.connectTimeoutMs,
        commandTimeout: 5000,
        // keep reconnecting in the background, at most every 5 s
        retryStrategy: (times) => Math.min(times * 500, 5000),
      })
      this.#redis.on('error', (error) => this.#logRedisError(error))
      this.#redis.on('ready', () => (this.#lastConnectionError = null))
    }
    return this.#redis
  }

  /** The producer queue once connected; QueueUnavailableError without waiting long. */
  async #readyQueue() {
    const redis = this.#producerRedis()
    if (redis.status !== 'ready') await this.#waitForConnection(redis)
    // created on a ready connection only: a Queue still initialising when it
    // is closed reports its failure after its listeners are gone (unhandled)
    this.#queue ??= this.#createQueue(redis)
    return this.#queue
  }

  /**
   * A first connection (or a reconnection) in progress gets a short wait;
   * a Redis known to be down fails at once.
   */
  async #waitForConnection(redis: Redis) {
    if (redis.status !== 'connecting' && redis.status !== 'connect') {
      throw new QueueUnavailableError(this.#lastConnectionError ?? `Redis ${redis.status}`)
    }
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer)
        redis.off('ready', onReady)
        redis.off('error', onError)
        if (error) reject(new QueueUnavailableError(error.message, { cause: error }))
        else resolve()
      }
      const onReady = () => done()
      const onError = (error: Error) => done(error)
      const timer = setTimeout(
        () => done(new Error('connessione a Redis scaduta')),
        this.options.connectTimeoutMs
      )
      redis.once('ready', onReady)
      redis.once('error', onError)
    })
  }

  #createQueue(redis: Redis) {
    const queue = new Queue<BullJobData>(this.options.queueName, {
      connection: redis,
      prefix: this.options.prefix,
      defaultJobOptions: {
        removeOnComplete: { age: this.options.keepCompletedSeconds },
        removeOnFail: { age: this.options.keepFailedSeconds },
      },
    })
    queue.on('error', (error) => this.#logRedisError(error))
    return queue
  }

  /** A command that fails because the connection dropped is reported as QueueUnavailableError. */
  async #producerCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (this.#redis?.status !== 'ready') {
        throw new QueueUnavailableError((error as Error).message, { cause: error })
      }
      throw error
    }
  }

  /** Reconnection attempts repeat the same error: log each error once, not every few seconds. */
  #logRedisError(error: Error) {
    if (error.message === this.#lastConnectionError) return
    this.#lastConnectionError = error.message
    logger.warn(`queue: errore Redis (${error.message})`)
  }
}

/**
 * BullMQ rejects custom ids that look like integers or contain ':' (keys
 * such as `outbox:12:notify` do): escape them, one key ↔ one id.
 */
export function bullmqJobId(key: string) {
  return `key-${key.replaceAll('%', '%25').replaceAll(':', '%3A')}`
}
