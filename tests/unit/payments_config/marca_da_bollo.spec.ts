import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { checkMarcaDaBollo } from '#domain/payments/marca_da_bollo'

const now = DateTime.fromISO('2026-11-26T12:00', { zone: 'Europe/Rome' })

test.group('Marca da bollo', () => {
  test('accepts 14 digits (spaces ignored) and an emission time in the past', ({ assert }) => {
    const checked = checkMarcaDaBollo(
      { number: '0123 4567 8901 23', issuedAt: '2026-11-20T10:15' },
      now
    )
    assert.deepEqual(checked.errors, {})
    assert.equal(checked.number, '01234567890123')
    assert.equal(checked.issuedAt!.toUTC().toISO(), '2026-11-20T09:15:00.000Z')
  })

  test('refuses another length, letters, a future or missing emission time', ({ assert }) => {
    assert.equal(
      checkMarcaDaBollo({ number: '1234567890123', issuedAt: '2026-11-20T10:15' }, now).errors
        .number,
      "L'identificativo della marca da bollo è di 14 cifre."
    )
    assert.isDefined(
      checkMarcaDaBollo({ number: '1234567890123A', issuedAt: '' }, now).errors.number
    )
    assert.equal(
      checkMarcaDaBollo({ number: '12345678901234', issuedAt: '2026-11-27T10:00' }, now).errors
        .issuedAt,
      'La data di emissione non può essere nel futuro.'
    )
    assert.match(checkMarcaDaBollo({ number: '', issuedAt: '' }, now).errors.issuedAt!, /^Indica/)
    assert.match(
      checkMarcaDaBollo({ number: '', issuedAt: 'ieri' }, now).errors.issuedAt!,
      /non valide/
    )
  })
})
