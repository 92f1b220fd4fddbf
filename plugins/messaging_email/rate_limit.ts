/**
 * A sliding one-minute window: at most `limit` sends in any 60 seconds.
 * One per adapter, and the runtime keeps one adapter per ente, so the limit
 * is per ente (and per worker process: with N workers an ente may reach N
 * times the limit, which SMTP relays tolerate better than a burst).
 */
export class SlidingWindowLimit {
  #sentAt: number[] = []

  constructor(
    private limit: number,
    private windowMs = 60_000
  ) {}

  /** Takes a slot; when none is free, answers how long until one is. */
  take(now = Date.now()): { ok: true } | { ok: false; retryAfterMs: number } {
    this.#sentAt = this.#sentAt.filter((at) => now - at < this.windowMs)
    if (this.#sentAt.length >= this.limit) {
      return { ok: false, retryAfterMs: this.#sentAt[0] + this.windowMs - now }
    }
    this.#sentAt.push(now)
    return { ok: true }
  }
}
