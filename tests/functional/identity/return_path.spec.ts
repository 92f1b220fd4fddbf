import { test } from '@japa/runner'
import { safeReturnPath } from '#services/identity/return_path'
import { parseLoginLevel } from '#services/identity/login_level'
import { shuffled } from '#services/identity/access_options'

test.group('Identity: return paths and levels from the query string', () => {
  test('a return path stays within the ente', ({ assert }) => {
    const cases: Array<[unknown, string | null]> = [
      ['/bugliano/area-personale', '/bugliano/area-personale'],
      ['/bugliano/servizi/ztl/accedi?passo=2#x', '/bugliano/servizi/ztl/accedi?passo=2'],
      ['/bugliano', '/bugliano'],
      ['/bugliano/./servizi/../area-personale', '/bugliano/area-personale'],
      ['/bugliano/../esempio/area-personale', null],
      ['/buglianox/area-personale', null],
      ['/esempio/area-personale', null],
      ['https://evil.example/bugliano/', null],
      ['//evil.example/bugliano/', null],
      ['/\\evil.example/bugliano/', null],
      ['/bugliano/\u0000', null],
      ['bugliano/area-personale', null],
      ['/bugliano/auth/identity_spid/login', null],
      [['/bugliano/'], null],
      [undefined, null],
      [`/bugliano/${'a'.repeat(2000)}`, null],
    ]
    for (const [value, expected] of cases) {
      assert.equal(safeReturnPath('bugliano', value), expected, String(value))
    }
  })

  test('a level is 1, 2 or 3', ({ assert }) => {
    assert.equal(parseLoginLevel('1'), 1)
    assert.equal(parseLoginLevel(3), 3)
    for (const value of ['0', '4', '2.5', 'due', '', undefined, null, ['2']]) {
      assert.isNull(parseLoginLevel(value), String(value))
    }
  })

  test('shuffled returns a permutation and leaves its input alone', ({ assert }) => {
    const items = ['a', 'b', 'c', 'd']
    const result = shuffled(items)
    assert.sameMembers(result, items)
    assert.deepEqual(items, ['a', 'b', 'c', 'd'])
  })
})
