import { jobRegistry } from '#queue/job_registry'
import type { DispatchOptions } from '#queue/types'

export const DEFAULT_ATTEMPTS = 5
export const DEFAULT_BACKOFF_MS = 1000

/**
 * Delay before the retry that follows failed attempt number `attempt`
 * (1-based): backoffMs, then twice that, then four times... The same
 * formula as BullMQ's "exponential" backoff, so both drivers agree.
 */
export function retryDelayMs(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** (attempt - 1)
}

/**
 * Attempts and back-off of one dispatch: the dispatch options win over the
 * job's registered options, which win over the defaults. Throws for a job
 * name nobody registered, so a typo fails at dispatch, not in the worker.
 */
export function resolveRetryPolicy(name: string, options: DispatchOptions = {}) {
  const registered = jobRegistry.get(name).options
  return {
    attempts: options.attempts ?? registered.attempts ?? DEFAULT_ATTEMPTS,
    backoffMs: options.backoffMs ?? registered.backoffMs ?? DEFAULT_BACKOFF_MS,
  }
}

/** Error text kept on a failed job or outbox event (bounded in size). */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text
}
