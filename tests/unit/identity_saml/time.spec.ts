import { test } from '@japa/runner'
import { parseSamlInstant, samlInstant } from '#extension_points/identity/saml/time'

test.group('SAML instants', () => {
  test('written in whole seconds, UTC', ({ assert }) => {
    assert.equal(samlInstant(new Date('2026-03-04T10:20:30.456Z')), '2026-03-04T10:20:30Z')
  })

  test('read with or without fractions and zone', ({ assert }) => {
    assert.equal(
      parseSamlInstant('2026-03-04T10:20:30Z')?.toISOString(),
      '2026-03-04T10:20:30.000Z'
    )
    assert.equal(
      parseSamlInstant('2026-03-04T10:20:30.123Z')?.toISOString(),
      '2026-03-04T10:20:30.123Z'
    )
    // spid-sp-test's case 110: microseconds, no zone designator (UTC)
    assert.equal(
      parseSamlInstant('2026-03-04T10:20:30.123456')?.toISOString(),
      '2026-03-04T10:20:30.123Z'
    )
  })

  test('anything else is not an instant', ({ assert }) => {
    for (const value of [
      '2018-09-04',
      '2018-09-06 16:00',
      '2018.09.18',
      '10-09-2018',
      '2026-02-30T10:00:00Z',
      '2026-03-04T10:20:30+01:00',
      '',
    ]) {
      assert.isNull(parseSamlInstant(value), value)
    }
  })
})
