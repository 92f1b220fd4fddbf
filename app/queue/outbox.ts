import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface OutboxEventInput {
  /** e.g. `pratica.submitted`; subscriptions map it to jobs */
  type: string
  enteId?: number | null
  payload: Record<string, unknown>
}

/** What a job subscribed to an outbox event receives as payload. */
export interface OutboxJobPayload<Payload = Record<string, unknown>> {
  eventId: number
  type: string
  enteId: number | null
  payload: Payload
  /** ISO time the event was recorded */
  occurredAt: string
}

const committedListeners = new Set<() => void>()

/**
 * Transactional outbox (DESIGN "Events"): an event is a row written in the
 * same transaction as the state change that causes it, so a change is
 * never committed without its events nor an event sent for a change rolled
 * back. The outbox dispatcher then hands it to the queue.
 */
export const outbox = {
  async record(trx: TransactionClientContract, event: OutboxEventInput): Promise<number> {
    const now = new Date()
    const [row] = await trx
      .insertQuery()
      .table('outbox_events')
      .insert({
        type: event.type,
        ente_id: event.enteId ?? null,
        payload: JSON.stringify(event.payload),
        attempts: 0,
        available_at: now,
        created_at: now,
      })
      .returning('id')
    // dispatch right after commit instead of waiting for the next poll
    trx.after('commit', () => committedListeners.forEach((listener) => listener()))
    return Number(typeof row === 'object' ? row.id : row)
  },

  /** Called after every commit that recorded events (the dispatcher wakes up). */
  onCommitted(listener: () => void): () => void {
    committedListeners.add(listener)
    return () => committedListeners.delete(listener)
  },
}
