import { test } from '@japa/runner'
import {
  isValidPartitaIva,
  normalisePartitaIva,
  partitaIvaCheckDigit,
  partitaIvaProblem,
} from '#domain/partita_iva'

/*
 * Valid numbers checked with a plain Luhn check written separately (the
 * partita IVA's check digit is Luhn's): 00488410010 and 00743110157 are
 * companies' published numbers, 12345678903 the textbook example.
 */
const VALID = ['00488410010', '00743110157', '01114601006', '12345678903']

test.group('Partita IVA (codice fiscale numerico)', () => {
  test('valid numbers pass; the check digit is the Luhn digit of the first ten', ({ assert }) => {
    for (const value of VALID) {
      assert.isNull(partitaIvaProblem(value), value)
      assert.isTrue(isValidPartitaIva(value), value)
      assert.equal(partitaIvaCheckDigit(value.slice(0, 10)), value[10], value)
    }
  })

  test('any other last digit is wrong', ({ assert }) => {
    for (const value of VALID) {
      for (let digit = 0; digit <= 9; digit++) {
        const candidate = value.slice(0, 10) + digit
        if (candidate === value) continue
        assert.equal(partitaIvaProblem(candidate), 'check_digit', candidate)
      }
    }
  })

  test('one digit changed, or two neighbours swapped, is caught', ({ assert }) => {
    const value = '00743110157'
    for (let index = 0; index < 10; index++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === value[index]) continue
        const changed = value.slice(0, index) + digit + value.slice(index + 1)
        assert.equal(partitaIvaProblem(changed), 'check_digit', changed)
      }
    }
    // 0-9 and 9-0 are the swaps Luhn misses; this number has none of them
    for (let index = 0; index < 9; index++) {
      if (value[index] === value[index + 1]) continue
      const swapped =
        value.slice(0, index) + value[index + 1] + value[index] + value.slice(index + 2)
      assert.equal(partitaIvaProblem(swapped), 'check_digit', swapped)
    }
  })

  test('eleven digits, and not all zeros', ({ assert }) => {
    assert.equal(partitaIvaProblem('0048841001'), 'format')
    assert.equal(partitaIvaProblem('004884100100'), 'format')
    assert.equal(partitaIvaProblem('0048841001A'), 'format')
    assert.equal(partitaIvaProblem('00000000000'), 'format')
    assert.equal(partitaIvaProblem(''), 'format')
  })

  test('normalising drops spaces, dots and the IT prefix', ({ assert }) => {
    assert.equal(normalisePartitaIva('IT 00488410010'), '00488410010')
    assert.equal(normalisePartitaIva('it00488410010'), '00488410010')
    assert.equal(normalisePartitaIva('004 884 100 10'), '00488410010')
    // a codice fiscale starting with IT is left alone
    assert.equal(normalisePartitaIva('ITLNZR80A01H501X'), 'ITLNZR80A01H501X')
  })
})
