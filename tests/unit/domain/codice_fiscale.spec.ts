import { test } from '@japa/runner'
import {
  birthDateFromCodiceFiscale,
  checkCharacter,
  codiceFiscaleProblem,
  decodeCodiceFiscale,
  isValidCodiceFiscale,
  normaliseCodiceFiscale,
} from '#domain/codice_fiscale'

/*
 * The valid codes below were checked against an independent implementation
 * (@marketto/codice-fiscale-utils 3.1.3, CheckDigitizer and Parser); the
 * omocodia variants are the ones its cfOmocode produces.
 */
const VALID = {
  // Mario Rossi, born in Rome (H501) on 1 January 1980
  RSSMRA80A01H501U: { gender: 'M', day: 1, month: 1, yearOfCentury: 80, belfioreCode: 'H501' },
  // the same date for a woman: day + 40
  RSSMRA80A41H501Y: { gender: 'F', day: 1, month: 1, yearOfCentury: 80, belfioreCode: 'H501' },
  // the beneficiary of the manual's example form (Trento, 20 February 1980)
  RSSMRA80B20L378U: { gender: 'M', day: 20, month: 2, yearOfCentury: 80, belfioreCode: 'L378' },
  // born in Milan (F205) on 12 August 1985
  VRDGLI85M52F205X: { gender: 'F', day: 12, month: 8, yearOfCentury: 85, belfioreCode: 'F205' },
  // born abroad: Z + the country code
  BNCLRA92E68Z404H: { gender: 'F', day: 28, month: 5, yearOfCentury: 92, belfioreCode: 'Z404' },
  BRTLNZ00C11L378I: { gender: 'M', day: 11, month: 3, yearOfCentury: 0, belfioreCode: 'L378' },
} as const

/** Omocodia variants of RSSMRA80A01H501U: one, two and all seven digits replaced. */
const OMOCODES = ['RSSMRA80A01H50MM', 'RSSMRA80A01H5LMX', 'RSSMRAULALMHRLMD']

test.group('Codice fiscale', () => {
  test('valid codes pass and say who they belong to', ({ assert }) => {
    for (const [code, expected] of Object.entries(VALID)) {
      assert.isNull(codiceFiscaleProblem(code), code)
      assert.isTrue(isValidCodiceFiscale(code), code)
      assert.deepInclude(decodeCodiceFiscale(code)!, expected, code)
    }
    assert.isTrue(decodeCodiceFiscale('BNCLRA92E68Z404H')!.bornAbroad)
    assert.isFalse(decodeCodiceFiscale('RSSMRA80A01H501U')!.bornAbroad)
  })

  test('omocodia: letters in place of digits, with their own check character', ({ assert }) => {
    for (const code of OMOCODES) {
      assert.isNull(codiceFiscaleProblem(code), code)
      assert.deepInclude(
        decodeCodiceFiscale(code)!,
        { gender: 'M', day: 1, month: 1, yearOfCentury: 80, belfioreCode: 'H501' },
        code
      )
    }
    // the base code's check character does not fit an omocode
    assert.equal(codiceFiscaleProblem('RSSMRA80A01H50MU'), 'check_character')
  })

  test('the check character is the one of the first 15 characters', ({ assert }) => {
    for (const code of [...Object.keys(VALID), ...OMOCODES]) {
      assert.equal(checkCharacter(code.slice(0, 15)), code[15], code)
    }
  })

  test('any one character changed is caught', ({ assert }) => {
    const code = 'RSSMRA80A01H501U'
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    let changed = 0
    for (let index = 0; index < 16; index++) {
      for (const char of alphabet) {
        if (char === code[index]) continue
        const mutated = code.slice(0, index) + char + code.slice(index + 1)
        if (codiceFiscaleProblem(mutated) === 'format') continue
        changed++
        assert.isNotNull(codiceFiscaleProblem(mutated), mutated)
      }
    }
    assert.isAbove(changed, 300, 'the mutations kept the shape of a codice fiscale')
  })

  test('invalid codes say what is wrong', ({ assert }) => {
    // the manual's "CF non valido" example: its check character should be F
    assert.equal(codiceFiscaleProblem('MRARSI01A70G452D'), 'check_character')
    assert.equal(codiceFiscaleProblem('RSSMRA80A01H501X'), 'check_character')
    assert.equal(codiceFiscaleProblem('RSSMRA80A01H501'), 'length')
    assert.equal(codiceFiscaleProblem(''), 'length')
    // the manual's login-free example has seven letters before the year
    assert.equal(codiceFiscaleProblem('BRTLNNE00C11L07G'), 'format')
    // O is not an omocodia letter; F is not a month
    assert.equal(codiceFiscaleProblem('RSSMRA8OA01H501U'), 'format')
    assert.equal(codiceFiscaleProblem('RSSMRA80F01H501U'), 'format')
    // lower case is for normaliseCodiceFiscale to fix
    assert.equal(codiceFiscaleProblem('rssmra80a01h501u'), 'format')
    assert.isFalse(isValidCodiceFiscale('80004560123'))
  })

  test('a day that does not exist is not a codice fiscale, whatever its check character', ({
    assert,
  }) => {
    const withCheck = (first15: string) => first15 + checkCharacter(first15)
    assert.equal(codiceFiscaleProblem(withCheck('RSSMRA80B30H501')), 'date') // 30 February
    assert.equal(codiceFiscaleProblem(withCheck('RSSMRA81B29H501')), 'date') // 1981 not leap
    assert.equal(codiceFiscaleProblem(withCheck('RSSMRA80D31H501')), 'date') // 31 April
    assert.equal(codiceFiscaleProblem(withCheck('RSSMRA80A00H501')), 'date')
    assert.equal(codiceFiscaleProblem(withCheck('RSSMRA80A72H501')), 'date') // a woman's 32nd
    assert.isNull(codiceFiscaleProblem(withCheck('RSSMRA80B29H501'))) // 1980 was leap
    assert.isNull(codiceFiscaleProblem(withCheck('RSSMRA80A71H501'))) // a woman's 31st
    assert.isNull(decodeCodiceFiscale(withCheck('RSSMRA80B30H501')))
  })

  test('normalising: upper case, no spaces or dashes, no TINIT- prefix', ({ assert }) => {
    assert.equal(normaliseCodiceFiscale(' tinit-rssmra80a01h501u '), 'RSSMRA80A01H501U')
    assert.equal(normaliseCodiceFiscale('TINIT-RSSMRA80A01H501U'), 'RSSMRA80A01H501U')
    assert.equal(normaliseCodiceFiscale('RSS MRA 80A01 H501U'), 'RSSMRA80A01H501U')
    assert.equal(normaliseCodiceFiscale('rss-mra-80a01-h501u'), 'RSSMRA80A01H501U')
  })

  test('the birth date takes the latest century not after today', ({ assert }) => {
    const today = new Date(2026, 5, 1) // 1 June 2026
    assert.equal(birthDateFromCodiceFiscale('RSSMRA80A01H501U', today), '1980-01-01')
    assert.equal(birthDateFromCodiceFiscale('BRTLNZ00C11L378I', today), '2000-03-11')
    assert.equal(birthDateFromCodiceFiscale('RSSMRAULALMHRLMD', today), '1980-01-01')

    const withCheck = (first15: string) => first15 + checkCharacter(first15)
    // born in 2026 before today, or on 1 December 1926
    assert.equal(birthDateFromCodiceFiscale(withCheck('RSSMRA26A01H501'), today), '2026-01-01')
    assert.equal(birthDateFromCodiceFiscale(withCheck('RSSMRA26T01H501'), today), '1926-12-01')
    assert.equal(
      birthDateFromCodiceFiscale(withCheck('RSSMRA26T01H501'), new Date(2027, 0, 1)),
      '2026-12-01'
    )
    assert.isNull(birthDateFromCodiceFiscale('MRARSI01A70G452D', today))
  })
})
