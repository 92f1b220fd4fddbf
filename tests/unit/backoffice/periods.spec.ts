import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { isIsoDay, periodRange, PERIODS, type Period } from '#domain/periods'

/** An instant of Rome's clock. */
const rome = (text: string) => DateTime.fromISO(text, { zone: 'Europe/Rome' })

/** The range as Rome's wall clock reads it, and its length in hours. */
function readable(period: Period, now: DateTime, custom = {}) {
  const range = periodRange(period, now, custom)
  const show = (value: DateTime | null) =>
    value ? value.setZone('Europe/Rome').toFormat("yyyy-MM-dd'T'HH:mm") : null
  const hours = range.from && range.to ? range.to.diff(range.from, 'hours').hours : null
  return { from: show(range.from), to: show(range.to), hours }
}

test.group('Ultimo cambio stato: periods in Europe/Rome', () => {
  test('oggi and ieri are calendar days of Rome, whatever the zone of "now"', ({ assert }) => {
    // 23:30 UTC on 14 March is already 15 March in Rome
    const now = DateTime.fromISO('2025-03-14T23:30:00Z')
    assert.deepEqual(readable('oggi', now), {
      from: '2025-03-15T00:00',
      to: '2025-03-16T00:00',
      hours: 24,
    })
    assert.deepEqual(readable('ieri', now), {
      from: '2025-03-14T00:00',
      to: '2025-03-15T00:00',
      hours: 24,
    })
  })

  test('the days of the DST changes last 23 and 25 hours', ({ assert }) => {
    assert.deepEqual(readable('oggi', rome('2025-03-30T12:00')), {
      from: '2025-03-30T00:00',
      to: '2025-03-31T00:00',
      hours: 23,
    })
    assert.deepEqual(readable('ieri', rome('2025-10-27T08:00')), {
      from: '2025-10-26T00:00',
      to: '2025-10-27T00:00',
      hours: 25,
    })
  })

  test('weeks run Monday to Sunday, across a DST change too', ({ assert }) => {
    // Sunday 30 March 2025, the day clocks go forward
    const now = rome('2025-03-30T23:59')
    assert.deepEqual(readable('questa-settimana', now), {
      from: '2025-03-24T00:00',
      to: '2025-03-31T00:00',
      hours: 7 * 24 - 1,
    })
    assert.deepEqual(readable('settimana-scorsa', now), {
      from: '2025-03-17T00:00',
      to: '2025-03-24T00:00',
      hours: 7 * 24,
    })
    // a Monday just after midnight belongs to the new week
    assert.equal(readable('questa-settimana', rome('2025-03-31T00:00')).from, '2025-03-31T00:00')
  })

  test('months end where they end: 31 March, leap February, December into January', ({
    assert,
  }) => {
    assert.deepEqual(readable('questo-mese', rome('2025-03-31T22:00')), {
      from: '2025-03-01T00:00',
      to: '2025-04-01T00:00',
      hours: 31 * 24 - 1,
    })
    assert.deepEqual(readable('mese-scorso', rome('2024-03-31T10:00')), {
      from: '2024-02-01T00:00',
      to: '2024-03-01T00:00',
      hours: 29 * 24,
    })
    assert.deepEqual(readable('mese-scorso', rome('2026-01-01T00:30')), {
      from: '2025-12-01T00:00',
      to: '2026-01-01T00:00',
      hours: 31 * 24,
    })
    assert.deepEqual(readable('questo-mese', rome('2025-10-15T12:00')), {
      from: '2025-10-01T00:00',
      to: '2025-11-01T00:00',
      hours: 31 * 24 + 1,
    })
  })

  test('personalizzato: both days included, either side may be open', ({ assert }) => {
    const now = rome('2025-02-10T10:00')
    assert.deepEqual(
      readable('personalizzato', now, { fromDay: '2025-01-16', toDay: '2025-01-26' }),
      { from: '2025-01-16T00:00', to: '2025-01-27T00:00', hours: 11 * 24 }
    )
    assert.deepEqual(readable('personalizzato', now, { fromDay: '2025-01-16' }), {
      from: '2025-01-16T00:00',
      to: null,
      hours: null,
    })
    assert.deepEqual(readable('personalizzato', now, { toDay: '2025-10-26' }), {
      from: null,
      to: '2025-10-27T00:00',
      hours: null,
    })
  })

  test('every period has a range; only real days are days', ({ assert }) => {
    for (const period of PERIODS.filter((name) => name !== 'personalizzato')) {
      const range = periodRange(period, rome('2025-06-15T12:00'))
      assert.isTrue(range.from! < range.to!, period)
    }
    assert.isTrue(isIsoDay('2024-02-29'))
    assert.isFalse(isIsoDay('2025-02-29'))
    assert.isFalse(isIsoDay('2025-13-01'))
    assert.isFalse(isIsoDay('16/01/2025'))
    assert.isFalse(isIsoDay(20250116))
  })
})
