import { test } from '@japa/runner'
import { withdrawalRefusal, type WithdrawalInput } from '#domain/withdrawal'

const allowed: WithdrawalInput = {
  status: 2000,
  service: { allowWithdrawal: true, workflow: 'approval', protocolRequired: false },
  hasPayment: false,
  isApplicant: true,
}

test.group('Ritira pratica', () => {
  test('an acquired pratica of a plain service can be withdrawn', ({ assert }) => {
    assert.isNull(withdrawalRefusal(allowed))
  })

  test("the manual's five cases refuse, each with its reason", ({ assert }) => {
    const service = allowed.service
    assert.equal(
      withdrawalRefusal({ ...allowed, service: { ...service, allowWithdrawal: false } }),
      'not_configured'
    )
    assert.equal(withdrawalRefusal({ ...allowed, hasPayment: true }), 'has_payment')
    assert.equal(withdrawalRefusal({ ...allowed, isApplicant: false }), 'not_applicant')
    assert.equal(
      withdrawalRefusal({ ...allowed, service: { ...service, workflow: 'forward' } }),
      'forwarded_and_acquired'
    )
    assert.equal(
      withdrawalRefusal({
        ...allowed,
        status: 1900,
        service: { ...service, protocolRequired: true },
      }),
      'awaiting_protocol'
    )
  })

  test('an Inoltro pratica still Inviata, and a protocolled one, can be withdrawn', ({
    assert,
  }) => {
    const service = allowed.service
    assert.isNull(
      withdrawalRefusal({ ...allowed, status: 1900, service: { ...service, workflow: 'forward' } })
    )
    assert.isNull(
      withdrawalRefusal({
        ...allowed,
        status: 3000,
        service: { ...service, protocolRequired: true },
      })
    )
  })

  test('states without an edge to Ritirata refuse', ({ assert }) => {
    for (const status of [1000, 1500, 7000, 9000, 20000, 50000] as const) {
      assert.equal(withdrawalRefusal({ ...allowed, status }), 'state', `state ${status}`)
    }
  })
})
