import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { bucketUnit, buckets, defaultPeriod, yearBuckets } from '#domain/statistics_buckets'
import { checkDayRange } from '#domain/day_range'
import { citizenNoticeTemplate, DEFAULT_STATE_TEMPLATE } from '#domain/state_notifications'

const utc = (bucket: { start: DateTime; end: DateTime }) => [
  bucket.start.toUTC().toISO(),
  bucket.end.toUTC().toISO(),
]

test.group('Statistiche: the time axis', () => {
  test('days up to two months, months up to three years, then years', ({ assert }) => {
    assert.equal(bucketUnit('2025-01-01', '2025-03-03'), 'day')
    assert.equal(bucketUnit('2025-01-01', '2025-03-04'), 'month')
    assert.equal(bucketUnit('2023-01-01', '2025-12-31'), 'month')
    assert.equal(bucketUnit('2023-01-01', '2026-01-01'), 'year')
  })

  test('Rome days: the day summer time begins lasts 23 hours', ({ assert }) => {
    const { unit, buckets: days } = buckets('2025-03-29', '2025-03-31')
    assert.equal(unit, 'day')
    assert.deepEqual(
      days.map((day) => day.label),
      ['29/03/2025', '30/03/2025', '31/03/2025']
    )
    assert.deepEqual(days.map(utc), [
      ['2025-03-28T23:00:00.000Z', '2025-03-29T23:00:00.000Z'],
      ['2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z'],
      ['2025-03-30T22:00:00.000Z', '2025-03-31T22:00:00.000Z'],
    ])
  })

  test('months are cut to the period at both ends', ({ assert }) => {
    const { buckets: months } = buckets('2024-11-15', '2025-02-10')
    assert.deepEqual(
      months.map((month) => month.label),
      ['nov 2024', 'dic 2024', 'gen 2025', 'feb 2025']
    )
    assert.deepEqual(utc(months[0]), ['2024-11-14T23:00:00.000Z', '2024-11-30T23:00:00.000Z'])
    assert.deepEqual(utc(months[3]), ['2025-01-31T23:00:00.000Z', '2025-02-10T23:00:00.000Z'])
  })

  test('whole years from the first pratica; the default period is the last twelve months', ({
    assert,
  }) => {
    const years = yearBuckets(
      DateTime.fromISO('2024-06-01T10:00:00Z'),
      DateTime.fromISO('2026-03-01T10:00:00Z')
    )
    assert.deepEqual(
      years.map((year) => year.label),
      ['2024', '2025', '2026']
    )
    assert.deepEqual(utc(years[2]), ['2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z'])
    assert.deepEqual(defaultPeriod(DateTime.fromISO('2026-11-26T10:00:00Z')), {
      from: '2025-12-01',
      to: '2026-11-26',
    })
  })

  test('a day range: wrong days and backwards ranges are reported and not used', ({ assert }) => {
    assert.deepEqual(checkDayRange('2025-01-01', ''), { from: '2025-01-01', to: null, errors: {} })
    assert.deepEqual(checkDayRange('2025-02-30', '2025-03-01').errors, {
      dal: 'Inserisci una data valida, ad esempio 16/01/2025.',
    })
    assert.deepEqual(checkDayRange('2025-03-02', '2025-03-01'), {
      from: null,
      to: null,
      errors: { al: 'La data di fine deve essere uguale o successiva a quella di inizio.' },
    })
  })
})

test.group('Notifications: which text the applicant gets', () => {
  test('the service template first, else the platform text; Bozza, Inviata never; Acquisita and payments only with a template', ({
    assert,
  }) => {
    const templates = { 4000: { it: 'In carico!' }, 2000: { it: 'Acquisita!' }, 1900: { it: 'x' } }
    assert.equal(citizenNoticeTemplate(templates, 4000), 'In carico!')
    assert.equal(citizenNoticeTemplate({}, 4000), DEFAULT_STATE_TEMPLATE)
    assert.isNull(citizenNoticeTemplate(templates, 1900))
    assert.isNull(citizenNoticeTemplate(templates, 1000))
    assert.isNull(citizenNoticeTemplate({}, 2000))
    assert.equal(citizenNoticeTemplate(templates, 2000), 'Acquisita!')
    assert.isNull(citizenNoticeTemplate({}, 1520))
    assert.isNull(citizenNoticeTemplate({}, 7000, { applicantNotified: true }))
    assert.equal(citizenNoticeTemplate(templates, 4000, { applicantNotified: true }), 'In carico!')
  })
})
