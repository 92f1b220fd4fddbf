import limiter from '@adonisjs/limiter/services/main'
import { errors } from '@adonisjs/limiter'
import { doorKey, type StaffDoor } from '#services/auth/staff_door'

/**
 * Rate limits of the staff doors (config/limiter.ts picks the store).
 *
 * Logins count failures only: 5 per account or 30 per address in 15
 * minutes block that account or address for 15 minutes. A success clears
 * the account's count (whoever succeeds knows the password), never the
 * address's, so one valid account does not reopen guessing on the others.
 * The per-address limit is generous: a whole office may sit behind one.
 *
 * Password reset requests count every request: 3 per account name and 10
 * per address an hour, whether the account exists or not.
 */
export const LOGIN_LIMITS = {
  account: { requests: 5, duration: '15 mins', blockDuration: '15 mins' },
  address: { requests: 30, duration: '15 mins', blockDuration: '15 mins' },
}
export const RESET_LIMITS = {
  account: { requests: 3, duration: '1 hour' },
  address: { requests: 10, duration: '1 hour' },
}

export interface AttemptSource {
  door: StaffDoor
  /** the username (login) or the email/username (reset) as typed */
  name: string
  ip: string
}

// limiter.use() rewrites the options it gets: hand it copies
function loginLimiters(source: AttemptSource) {
  return [
    {
      limiter: limiter.use({ ...LOGIN_LIMITS.account }),
      key: `login:account:${doorKey(source.door)}:${source.name.toLowerCase()}`,
    },
    { limiter: limiter.use({ ...LOGIN_LIMITS.address }), key: `login:address:${source.ip}` },
  ]
}

export const loginThrottle = {
  /** Seconds to wait before the next attempt; 0 when one may try now. */
  async waitSeconds(source: AttemptSource): Promise<number> {
    let wait = 0
    for (const { limiter: counter, key } of loginLimiters(source)) {
      const state = await counter.get(key)
      if (state && state.remaining <= 0) wait = Math.max(wait, state.availableIn, 1)
    }
    return wait
  },

  async failed(source: AttemptSource) {
    for (const { limiter: counter, key } of loginLimiters(source)) {
      const { consumed, limit } = await counter.increment(key)
      if (consumed >= limit) await counter.block(key, counter.blockDuration)
    }
  },

  async succeeded(source: AttemptSource) {
    const [account] = loginLimiters(source)
    await account.limiter.delete(account.key)
  },
}

export const resetThrottle = {
  /** Counts a reset request; seconds to wait when it is one too many, else 0. */
  async consume(source: AttemptSource): Promise<number> {
    const counters = [
      { limiter: limiter.use({ ...RESET_LIMITS.address }), key: `reset:address:${source.ip}` },
      {
        limiter: limiter.use({ ...RESET_LIMITS.account }),
        key: `reset:account:${doorKey(source.door)}:${source.name.toLowerCase()}`,
      },
    ]
    for (const { limiter: counter, key } of counters) {
      try {
        await counter.consume(key)
      } catch (error) {
        if (error instanceof errors.E_TOO_MANY_REQUESTS)
          return Math.max(error.response.availableIn, 1)
        throw error
      }
    }
    return 0
  },
}

/**
 * The citizen's doors (SPID/CIE), counted per address: each login started
 * keeps a pending request on the server, so 60 starts in 10 minutes are
 * the most one address gets; IdP answers refused (forged, replayed,
 * expired) 20 in 15 minutes block the address's answers for 15 minutes.
 * Real IdPs answer from the citizen's browser, so the address is theirs.
 */
export const CITIZEN_LOGIN_LIMITS = {
  starts: { requests: 60, duration: '10 mins' },
  refusedAnswers: { requests: 20, duration: '15 mins', blockDuration: '15 mins' },
}

export const citizenLoginThrottle = {
  /** Counts a login started; seconds to wait when it is one too many, else 0. */
  async started(ip: string): Promise<number> {
    const counter = limiter.use({ ...CITIZEN_LOGIN_LIMITS.starts })
    try {
      await counter.consume(`citizen-login:start:${ip}`)
      return 0
    } catch (error) {
      if (error instanceof errors.E_TOO_MANY_REQUESTS)
        return Math.max(error.response.availableIn, 1)
      throw error
    }
  },

  /** Seconds this address's IdP answers stay blocked; 0 when they are heard. */
  async answersBlockedFor(ip: string): Promise<number> {
    const state = await limiter
      .use({ ...CITIZEN_LOGIN_LIMITS.refusedAnswers })
      .get(`citizen-login:refused:${ip}`)
    return state && state.remaining <= 0 ? Math.max(state.availableIn, 1) : 0
  },

  async answerRefused(ip: string) {
    const counter = limiter.use({ ...CITIZEN_LOGIN_LIMITS.refusedAnswers })
    const key = `citizen-login:refused:${ip}`
    const { consumed, limit } = await counter.increment(key)
    if (consumed >= limit) await counter.block(key, counter.blockDuration)
  },
}

/** Whole minutes to show in "Riprova tra N minuti". */
export function waitMinutes(seconds: number) {
  return Math.max(1, Math.ceil(seconds / 60))
}
