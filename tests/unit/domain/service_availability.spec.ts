import { test } from '@japa/runner'
import { availability } from '#domain/service_availability'
import { satisfiesLevel, AuthLevel } from '#domain/auth_level'

test.group('Service availability', () => {
  test('a scheduled service is open only between its dates', ({ assert }) => {
    const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }
    assert.deepEqual(availability('scheduled', new Date('2026-02-28T23:59:00Z'), window), {
      listed: false,
      open: false,
    })
    assert.deepEqual(availability('scheduled', new Date('2026-03-15T10:00:00Z'), window), {
      listed: true,
      open: true,
    })
    assert.isFalse(availability('scheduled', new Date('2026-04-01T00:00:00Z'), window).open)
  })

  test('a private service is open by link but not listed; a suspended one the reverse', ({
    assert,
  }) => {
    assert.deepEqual(availability('private', new Date()), { listed: false, open: true })
    assert.deepEqual(availability('suspended', new Date()), { listed: true, open: false })
  })
})

test.group('Authentication levels', () => {
  test('a session satisfies a service only at or above its level', ({ assert }) => {
    assert.isTrue(satisfiesLevel(AuthLevel.SPID_L3, AuthLevel.SPID_L2))
    assert.isFalse(satisfiesLevel(AuthLevel.SPID_L1, AuthLevel.SPID_L2))
    assert.isFalse(satisfiesLevel(null, AuthLevel.SPID_L1))
    assert.isTrue(satisfiesLevel(null, AuthLevel.ANONYMOUS))
  })
})
