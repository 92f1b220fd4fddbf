import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { QueueUnavailableError } from '#queue/errors'
import { describeError } from '#queue/retry_policy'
import { readDbTime } from '#queue/db_time'
import type { OutboxSubscriptions } from '#queue/subscriptions'
import type { OutboxJobPayload } from '#queue/outbox'
import type { QueueDriver } from '#queue/types'

export interface OutboxDispatcherOptions {
  queue: Pick<QueueDriver, 'dispatch'>
  subscriptions: OutboxSubscriptions
  /** periodic look for pending events (commits also wake it) */
  pollIntervalMs: number
  /** events moved per pass */
  batchSize: number
  /** first wait after a failed hand-over; doubles up to retryMaxMs */
  retryBaseMs: number
  retryMaxMs: number
  /** injectable clock (tests) */
  clock?: () => Date
}

export interface DispatchReport {
  dispatched: number
  failed: number
}

/**
 * Moves pending outbox events to the queue: every job subscribed to the
 * event's type is dispatched with the key `outbox:<event id>:<job name>`,
 * then the event is marked dispatched. A crash between the two dispatches
 * the event again later, and the key makes the queue ignore the copies.
 * If the queue cannot take it, the event stays pending with the error and
 * a back-off: nothing is lost.
 *
 * Several dispatchers (web processes, queue:work) may run at once: at
 * worst they hand over the same event twice, which the key absorbs.
 */
export class OutboxDispatcher {
  #running = false
  #timer: NodeJS.Timeout | null = null
  #currentPass: Promise<unknown> | null = null
  #passAgain = false

  constructor(private options: OutboxDispatcherOptions) {}

  /** One pass over the due events (also used directly by tests). */
  async dispatchPending(): Promise<DispatchReport> {
    const client = db.connection()
    const events = await client
      .from('outbox_events')
      .whereNull('dispatched_at')
      .where('available_at', '<=', this.#now())
      .orderBy('id', 'asc')
      .limit(this.options.batchSize)

    const report: DispatchReport = { dispatched: 0, failed: 0 }
    for (const event of events) {
      try {
        await this.#handOver(event)
        await client
          .from('outbox_events')
          .where('id', event.id)
          .update({ dispatched_at: this.#now(), last_error: null })
        report.dispatched++
      } catch (error) {
        report.failed++
        await this.#postpone(event, error)
        // the queue is down: the other events would fail the same way
        if (error instanceof QueueUnavailableError) break
      }
    }
    return report
  }

  start() {
    if (this.#running) return
    this.#running = true
    this.#schedule(0)
  }

  /** Events were committed: pass now rather than at the next poll. */
  notify() {
    if (this.#running) this.#schedule(0)
  }

  async stop() {
    this.#running = false
    if (this.#timer) clearTimeout(this.#timer)
    await this.#currentPass
  }

  async #handOver(event: Record<string, any>) {
    const message: OutboxJobPayload = {
      eventId: Number(event.id),
      type: event.type,
      enteId: event.ente_id ?? null,
      payload: JSON.parse(event.payload),
      occurredAt: (readDbTime(event.created_at) ?? this.#now()).toISOString(),
    }
    for (const jobName of this.options.subscriptions.jobsFor(event.type)) {
      await this.options.queue.dispatch(jobName, message, { key: `outbox:${event.id}:${jobName}` })
    }
  }

  async #postpone(event: Record<string, any>, error: unknown) {
    const attempts = Number(event.attempts) + 1
    const waitMs = Math.min(this.options.retryBaseMs * 2 ** (attempts - 1), this.options.retryMaxMs)
    logger.warn(
      { eventId: event.id, type: event.type, attempts },
      `outbox: event not dispatched (${describeError(error)})`
    )
    try {
      await db
        .from('outbox_events')
        .where('id', event.id)
        .update({
          attempts,
          last_error: describeError(error),
          available_at: new Date(this.#now().getTime() + waitMs),
        })
    } catch (updateError) {
      // still pending and due: the next pass tries again
      logger.error(
        { err: updateError, eventId: event.id },
        'outbox: cannot record dispatch failure'
      )
    }
  }

  #now() {
    return this.options.clock?.() ?? new Date()
  }

  #schedule(delayMs: number) {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => this.#pass(), delayMs)
  }

  #pass() {
    if (!this.#running) return
    if (this.#currentPass) {
      this.#passAgain = true
      return
    }
    this.#currentPass = this.dispatchPending()
      .then((report) => {
        // a full batch means more may be waiting
        if (report.dispatched === this.options.batchSize) this.#passAgain = true
      })
      .catch((error) => logger.error({ err: error }, 'outbox: dispatch pass failed'))
      .finally(() => {
        this.#currentPass = null
        if (this.#running) this.#schedule(this.#passAgain ? 0 : this.options.pollIntervalMs)
        this.#passAgain = false
      })
  }
}
