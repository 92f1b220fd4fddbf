/**
 * The contract both queue drivers implement (database and BullMQ), so
 * producers, the outbox dispatcher and the admin page never depend on
 * which one is active.
 */
export interface DispatchOptions {
  /**
   * Deduplication key: a job with a key already queued (or kept after it
   * ran) is not queued again. Also the job's stable identity for runOnce.
   */
  key?: string
  /** run no earlier than this many milliseconds from now */
  delayMs?: number
  /** overrides the attempts registered with the job */
  attempts?: number
  /** overrides the first retry delay registered with the job */
  backoffMs?: number
}

/** A job that used all its attempts, as the admin page shows it. */
export interface FailedJob {
  /** driver-specific id, the one retryFailed() takes */
  id: string
  name: string
  key: string | null
  payload: unknown
  attempts: number
  maxAttempts: number
  lastError: string | null
  failedAt: Date | null
}

export type QueueDriverName = 'database' | 'bullmq'

export interface QueueDriver {
  readonly name: QueueDriverName
  dispatch(name: string, payload: unknown, options?: DispatchOptions): Promise<void>
  /** starts working jobs in this process */
  startWorker(): Promise<void>
  /** stops taking jobs and waits (bounded) for the running ones */
  stopWorker(): Promise<void>
  /** stops the worker and releases connections */
  close(): Promise<void>
  listFailed(limit: number): Promise<FailedJob[]>
  /** jobs waiting (due or delayed) and failed; throws when the backend is unreachable */
  counts(): Promise<{ waiting: number; failed: number }>
  /** queues a failed job again with fresh attempts; false when it is not (or no longer) failed */
  retryFailed(id: string): Promise<boolean>
}
