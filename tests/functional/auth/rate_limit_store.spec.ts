import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'

/**
 * Outside tests the limits are counted in the rate_limits table (SQLite or
 * PostgreSQL). No global transaction here: the store works on its own
 * pooled connection, as it does in the web processes.
 */
test.group('Rate limits: database store', () => {
  test('counts, blocks and forgets in the rate_limits table', async ({ assert, cleanup }) => {
    const counter = limiter.use('database', { requests: 2, duration: '1 minute' })
    const key = `test:database-store:${Date.now()}`
    cleanup(async () => {
      await counter.delete(key)
    })

    await counter.increment(key)
    assert.isFalse(await counter.isBlocked(key))
    await counter.increment(key)
    assert.isTrue(await counter.isBlocked(key))
    assert.isAbove(await counter.availableIn(key), 0)

    // rate-limiter-flexible prefixes its keys
    const row = await db.from('rate_limits').where('key', 'like', `%${key}`).first()
    assert.equal(Number(row.points), 2)

    await counter.delete(key)
    assert.isNull(await counter.get(key))
  })
})
