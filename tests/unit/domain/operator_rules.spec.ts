import { test } from '@japa/runner'
import { availableActions, operatorActionRefusal } from '#domain/operator_rules'
import type { Role } from '#domain/roles'

let nextId = 1
const staff = (role: Role, isEnabled = true) => ({ id: nextId++, role, isEnabled })

test.group('Operator rules', () => {
  test('a manager manages managers and operators, never an ente admin', ({ assert }) => {
    const manager = staff('manager')
    assert.deepEqual(operatorActionRefusal(manager, staff('ente_admin'), 'edit'), {
      kind: 'not_found',
    })
    assert.isNull(operatorActionRefusal(manager, staff('operator'), 'make_manager'))
    assert.isNull(operatorActionRefusal(manager, staff('manager'), 'make_operator'))
    assert.isNull(operatorActionRefusal(manager, staff('manager'), 'delete'))
  })

  test('operators and platform admins manage nobody here', ({ assert }) => {
    for (const role of ['operator', 'platform_admin'] as Role[]) {
      assert.deepEqual(operatorActionRefusal(staff(role), staff('operator'), 'edit'), {
        kind: 'not_found',
      })
    }
  })

  test('nobody changes their own role, disables or deletes themselves', ({ assert }) => {
    for (const role of ['manager', 'ente_admin'] as Role[]) {
      const self = staff(role)
      assert.deepEqual(availableActions(self, self), ['edit', 'reset_password'])
    }
  })

  test("the ente admin's role is not changed here", ({ assert }) => {
    const refusal = operatorActionRefusal(staff('ente_admin'), staff('ente_admin'), 'make_manager')
    assert.equal(refusal?.kind, 'refused')
  })

  test('pratiche in charge block deletion, with how many', ({ assert }) => {
    const manager = staff('manager')
    const operator = staff('operator')
    assert.deepEqual(operatorActionRefusal(manager, operator, 'delete', 1), {
      kind: 'refused',
      message:
        "Non è possibile eliminare l'operatore: ha in carico una pratica. Assegnale ad altri operatori prima di eliminarlo.",
    })
    assert.isNull(operatorActionRefusal(manager, operator, 'delete', 0))
  })

  test('the row menu follows role and state', ({ assert }) => {
    const manager = staff('manager')
    assert.deepEqual(availableActions(manager, staff('operator')), [
      'edit',
      'reset_password',
      'make_manager',
      'disable',
      'delete',
    ])
    assert.deepEqual(availableActions(manager, staff('manager', false)), [
      'edit',
      'make_operator',
      'enable',
      'delete',
    ])
    assert.deepEqual(availableActions(manager, staff('ente_admin')), [])
  })
})
