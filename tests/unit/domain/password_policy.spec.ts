import { test } from '@japa/runner'
import { passwordPolicyError } from '#domain/password_policy'

const account = {
  username: 'mario.rossi',
  email: 'segreteria.mr@comune.bugliano.pi.it',
  firstName: 'Mario',
  lastName: 'Rossi',
}

test.group('Password policy', () => {
  test('{0} is refused by {1}')
    .with([
      ['corta1!', 'passwordLength'],
      ['Mario.Rossi.2026', 'passwordUsername'],
      ['ilmiorossi2026', 'passwordName'],
      ['Segreteria.MR-2026', 'passwordEmail'],
      ['password123!', 'passwordCommon'],
      ['Benvenuto2026!', 'passwordCommon'],
      ['aaaaaaaaaaaa', 'passwordCommon'],
      ['abababababab', 'passwordCommon'],
      ['1234567890', 'passwordCommon'],
      ['0987654321', 'passwordCommon'],
      ['qwertyuiopas', 'passwordCommon'],
    ])
    .run(({ assert }, [password, rule]) => {
      assert.equal(passwordPolicyError(password, account)?.rule, rule)
    })

  test('{$self} is accepted')
    .with(['Cielo-Sereno-2026', 'torre pendente sul fiume', 'Al mare a Bugliano'])
    .run(({ assert }, password) => {
      assert.isNull(passwordPolicyError(password, account))
    })

  test('parts shorter than three letters forbid nothing', ({ assert }) => {
    const short = { username: 'al', email: 'al@x.it', firstName: 'Al', lastName: 'Re' }
    assert.isNull(passwordPolicyError('Realmente-Altro-9', short))
  })
})
