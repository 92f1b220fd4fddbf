import { test } from '@japa/runner'
import { TEST_CITIZENS } from '../citizens.js'
import { checkCharacter, isValidCodiceFiscale } from '../codice_fiscale.js'

test.group('Development IdP: test citizens', () => {
  test('Lorenzo Bertoli, Mario Rossi and others, each with a valid codice fiscale', ({
    assert,
  }) => {
    const names = TEST_CITIZENS.map((citizen) => `${citizen.name} ${citizen.familyName}`)
    assert.includeMembers(names, ['Lorenzo Bertoli', 'Mario Rossi'])
    assert.isAtLeast(names.length, 4)
    for (const citizen of TEST_CITIZENS) {
      assert.isTrue(isValidCodiceFiscale(citizen.fiscalNumber), citizen.fiscalNumber)
      // the date of birth agrees with the code (year, month letter, day)
      const [year, month, day] = citizen.dateOfBirth.split('-')
      assert.equal(citizen.fiscalNumber.slice(6, 8), year.slice(2))
      assert.equal(citizen.fiscalNumber[8], 'ABCDEHLMPRST'[Number(month) - 1])
      assert.include([day, String(Number(day) + 40)], citizen.fiscalNumber.slice(9, 11))
      assert.equal(citizen.fiscalNumber.slice(11, 15), citizen.placeOfBirth)
    }
  })

  test('the check character of a well-known code', ({ assert }) => {
    assert.equal(checkCharacter('RSSMRA80A01H501'), 'U')
    assert.isFalse(isValidCodiceFiscale('RSSMRA80A01H501X'))
  })
})
