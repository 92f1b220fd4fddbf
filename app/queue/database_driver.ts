import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { jobRegistry } from '#queue/job_registry'
import { describeError, resolveRetryPolicy, retryDelayMs } from '#queue/retry_policy'
import { readDbTime } from '#queue/db_time'
import type { DispatchOptions, FailedJob, QueueDriver } from '#queue/types'

export interface DatabaseDriverOptions {
  /** how often the worker looks for due jobs when nobody wakes it */
  pollIntervalMs: number
  /** a running job not heard of for this long is taken again by any worker */
  leaseMs: number
  /** jobs run at the same time by this process */
  concurrency: number
  /** how long stopWorker() waits for running jobs */
  shutdownGraceMs: number
  /** injectable clock (tests) */
  clock?: () => Date
}

interface JobRow {
  id: number | string
  name: string
  payload: string
  job_key: string | null
  attempts: number
  max_attempts: number
  backoff_ms: number
}

interface ClaimedJob extends JobRow {
  /** 1-based number of this delivery; also the claim's fencing token */
  attempt: number
}

type Outcome =
  | { status: 'completed' }
  | { status: 'pending'; error: string; retryAt: Date }
  | { status: 'failed'; error: string }

/**
 * In-process driver: jobs live in `queue_jobs`, so a restart loses nothing.
 *
 * Claiming is one conditional UPDATE per candidate (still due, same
 * attempts count as when it was read): on PostgreSQL the row lock makes a
 * second worker's UPDATE re-check the condition and match nothing, on
 * SQLite writes are serialised, so two workers never run the same
 * delivery. A claim takes a lease (`locked_until`), renewed while the job
 * runs; if the process dies the lease expires and the job is claimed again.
 */
export class DatabaseQueueDriver implements QueueDriver {
  readonly name = 'database' as const
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

  #running = false
  #timer: NodeJS.Timeout | null = null
  #currentPoll: Promise<void> | null = null
  #pollAgain = false
  #inFlight = new Set<Promise<void>>()

  constructor(private options: DatabaseDriverOptions) {}

  async dispatch(name: string, payload: unknown, options: DispatchOptions = {}) {
    const { attempts, backoffMs } = resolveRetryPolicy(name, options)
    const now = this.#now()
    await this.#client()
      .knexQuery()
      .table('queue_jobs')
      .insert({
        name,
        payload: JSON.stringify(payload ?? null),
        job_key: options.key ?? null,
        status: 'pending',
        attempts: 0,
        max_attempts: attempts,
        backoff_ms: backoffMs,
        available_at: new Date(now.getTime() + (options.delayMs ?? 0)),
        created_at: now,
        updated_at: now,
      })
      // the same key is never queued twice
      .onConflict('job_key')
      .ignore()
    this.#wake()
  }

  async startWorker() {
    if (this.#running) return
    this.#running = true
    this.#schedule(0)
  }

  async stopWorker() {
    this.#running = false
    if (this.#timer) clearTimeout(this.#timer)
    await this.#currentPoll
    // jobs still running after the grace period are recovered by their lease
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      sleep(this.options.shutdownGraceMs, undefined, { ref: false }),
    ])
  }

  async close() {
    await this.stopWorker()
  }

  /**
   * Claims the jobs due now and runs them to the end, outside the worker
   * loop: lets tests drive the queue step by step with their own clock.
   */
  async runDue(limit = this.options.concurrency): Promise<number> {
    const jobs = await this.#claimDue(limit)
    await Promise.all(jobs.map((job) => this.#execute(job)))
    return jobs.length
  }

  async listFailed(limit: number): Promise<FailedJob[]> {
    const rows = await this.#client()
      .from('queue_jobs')
      .where('status', 'failed')
      .orderBy('updated_at', 'desc')
      .limit(limit)
    return rows.map((row) => ({
      id: String(row.id),
      name: row.name,
      key: row.job_key,
      payload: parseJson(row.payload),
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      lastError: row.last_error,
      failedAt: readDbTime(row.updated_at),
    }))
  }

  async counts() {
    const rows = await this.#client()
      .from('queue_jobs')
      .whereIn('status', ['pending', 'running', 'failed'])
      .groupBy('status')
      .select('status')
      .count('* as total')
    const total = (status: string) => Number(rows.find((row) => row.status === status)?.total ?? 0)
    return { waiting: total('pending') + total('running'), failed: total('failed') }
  }

  async retryFailed(id: string) {
    if (!/^\d+$/.test(id)) return false
    const now = this.#now()
    const updated = await this.#client()
      .from('queue_jobs')
      .where('id', id)
      .where('status', 'failed')
      .update({
        status: 'pending',
        attempts: 0,
        available_at: now,
        locked_by: null,
        locked_until: null,
        updated_at: now,
      })
    this.#wake()
    return Number(updated) === 1
  }

  #client(): QueryClientContract {
    return db.connection()
  }

  #now() {
    return this.options.clock?.() ?? new Date()
  }

  #schedule(delayMs: number) {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#poll(), delayMs)
  }

  /** a job was queued or finished: look again now rather than at the next poll */
  #wake() {
    if (this.#running) this.#schedule(0)
  }

  #poll() {
    if (!this.#running) return
    if (this.#currentPoll) {
      this.#pollAgain = true
      return
    }
    this.#currentPoll = this.#claimFreeSlots().finally(() => {
      this.#currentPoll = null
      if (this.#running) this.#schedule(this.#pollAgain ? 0 : this.options.pollIntervalMs)
      this.#pollAgain = false
    })
  }

  async #claimFreeSlots() {
    const free = this.options.concurrency - this.#inFlight.size
    if (free <= 0) return
    try {
      for (const job of await this.#claimDue(free)) {
        const execution = this.#execute(job).finally(() => {
          this.#inFlight.delete(execution)
          this.#wake()
        })
        this.#inFlight.add(execution)
      }
    } catch (error) {
      logger.error({ err: error }, 'queue: cannot claim jobs')
    }
  }

  async #claimDue(limit: number): Promise<ClaimedJob[]> {
    const now = this.#now()
    const client = this.#client()
    const isDue = (query: DatabaseQueryBuilderContract) =>
      query
        .where((pending) => pending.where('status', 'pending').where('available_at', '<=', now))
        .orWhere((abandoned) =>
          abandoned.where('status', 'running').where('locked_until', '<', now)
        )
    // read a few more than needed: other workers may take some meanwhile
    const candidates: JobRow[] = await client
      .from('queue_jobs')
      .select('id', 'name', 'payload', 'job_key', 'attempts', 'max_attempts', 'backoff_ms')
      .where(isDue)
      .orderBy('available_at', 'asc')
      .orderBy('id', 'asc')
      .limit(limit * 2)

    const claimed: ClaimedJob[] = []
    for (const row of candidates) {
      if (claimed.length === limit) break
      const taken = await client
        .from('queue_jobs')
        .where('id', row.id)
        .where('attempts', row.attempts)
        .where(isDue)
        .update({
          status: 'running',
          attempts: row.attempts + 1,
          locked_by: this.workerId,
          locked_until: new Date(now.getTime() + this.options.leaseMs),
          updated_at: now,
        })
      // an update resolves to the count of rows it changed (SQLite and PostgreSQL)
      if (Number(taken) === 1) claimed.push({ ...row, attempt: row.attempts + 1 })
    }
    return claimed
  }

  async #execute(job: ClaimedJob) {
    const outcome = await this.#runHandler(job)
    if (outcome.status !== 'completed') {
      logger.warn(
        { job: job.name, id: job.id, attempt: job.attempt },
        `queue: job failed (${outcome.error})`
      )
    }
    try {
      await this.#record(job, outcome)
    } catch (error) {
      // the lease will expire and the job run again: delivery is at least once
      logger.error({ err: error, job: job.name, id: job.id }, 'queue: cannot record job outcome')
    }
  }

  async #runHandler(job: ClaimedJob): Promise<Outcome> {
    if (job.attempt > job.max_attempts) {
      return {
        status: 'failed',
        error: 'Interrotto: il processo si è fermato durante l’ultimo tentativo',
      }
    }
    const heartbeat = setInterval(() => this.#renewLease(job), this.options.leaseMs / 3)
    try {
      const { handler } = jobRegistry.get(job.name)
      await handler(JSON.parse(job.payload), {
        attempt: job.attempt,
        jobKey: job.job_key ?? `queue_jobs:${job.id}`,
      })
      return { status: 'completed' }
    } catch (error) {
      const message = describeError(error)
      if (job.attempt >= job.max_attempts) return { status: 'failed', error: message }
      const retryAt = new Date(this.#now().getTime() + retryDelayMs(job.backoff_ms, job.attempt))
      return { status: 'pending', error: message, retryAt }
    } finally {
      clearInterval(heartbeat)
    }
  }

  /** Only the holder of this claim (worker and attempt) may change the row. */
  #ownClaim(job: ClaimedJob) {
    return this.#client()
      .from('queue_jobs')
      .where('id', job.id)
      .where('status', 'running')
      .where('locked_by', this.workerId)
      .where('attempts', job.attempt)
  }

  async #renewLease(job: ClaimedJob) {
    const now = this.#now()
    try {
      await this.#ownClaim(job).update({
        locked_until: new Date(now.getTime() + this.options.leaseMs),
        updated_at: now,
      })
    } catch (error) {
      logger.warn({ err: error, id: job.id }, 'queue: cannot renew job lease')
    }
  }

  async #record(job: ClaimedJob, outcome: Outcome) {
    const now = this.#now()
    const released = { locked_by: null, locked_until: null, updated_at: now }
    const changes =
      outcome.status === 'completed'
        ? { ...released, status: 'completed', completed_at: now }
        : outcome.status === 'pending'
          ? {
              ...released,
              status: 'pending',
              last_error: outcome.error,
              available_at: outcome.retryAt,
            }
          : { ...released, status: 'failed', last_error: outcome.error }
    const updated = await this.#ownClaim(job).update(changes)
    if (Number(updated) === 0) {
      logger.warn({ job: job.name, id: job.id }, 'queue: lease lost, outcome not recorded')
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
