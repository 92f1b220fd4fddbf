/**
 * The queue backend cannot be reached right now (Redis down). Producers
 * get it immediately instead of hanging; the outbox keeps the event and
 * tries again later.
 */
export class QueueUnavailableError extends Error {
  constructor(reason: string, options?: ErrorOptions) {
    super(`Coda non raggiungibile: ${reason}`, options)
    this.name = 'QueueUnavailableError'
  }
}
