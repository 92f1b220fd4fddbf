import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import {
  PRATICA_STATUS_LABELS,
  PRATICA_TRANSITIONS,
  FINAL_STATES,
  MANUAL_CHANGE_TARGETS,
  CITIZEN_COUNTERS,
  InvalidTransitionError,
  assertTransition,
  canTransition,
  counterOf,
  nextStates,
  statusLabel,
  type PraticaStatusCode,
} from '#domain/pratica_status'

const enums = JSON.parse(readFileSync(app.makePath('database/data/opencity/enums.json'), 'utf8'))

test.group('Pratica states', () => {
  test("codes and labels are OpenCity's", ({ assert }) => {
    const expected = Object.fromEntries(
      enums.application_status.map((status: { code: number; label_it: string }) => [
        status.code,
        status.label_it,
      ])
    )
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(PRATICA_STATUS_LABELS).map(([code, label]) => [code, label])
      ),
      expected
    )
    assert.sameMembers(FINAL_STATES, enums.application_final_states)
    assert.sameMembers(MANUAL_CHANGE_TARGETS, enums.application_manual_change_allowed_targets)
  })

  test("every OpenCity edge is allowed, and only DESIGN.md's three edges are added", ({
    assert,
  }) => {
    const opencity = enums.application_valid_status_changes.map(
      ([from, to]: number[]) => `${from}>${to}`
    )
    const ours = PRATICA_TRANSITIONS.map(([from, to]) => `${from}>${to}`)
    assert.includeMembers(ours, opencity)
    assert.sameMembers(
      ours.filter((edge) => !opencity.includes(edge)),
      ['4100>4000', '4200>4000', '1530>1500']
    )
  })

  test('a transition outside the table is refused with an Italian message', ({ assert }) => {
    assert.isTrue(canTransition(1000, 1900))
    assert.isFalse(canTransition(1000, 7000))
    assert.throws(() => assertTransition(9000, 1900), InvalidTransitionError)
    assert.throws(
      () => assertTransition(20000, 7000),
      'La pratica non può passare da "Ritirata" a "Accettata"'
    )
  })

  test('payment retries and integration cancellation follow DESIGN.md', ({ assert }) => {
    assert.includeMembers(nextStates(1530), [1500])
    assert.includeMembers(nextStates(4100), [4000, 4200, 20000])
    assert.includeMembers(nextStates(4000), [1500, 4100, 6000, 7000, 8000, 9000, 20000])
  })

  test('a partial approval stays 7000 and reads "Parzialmente approvata"', ({ assert }) => {
    assert.equal(statusLabel(7000), 'Accettata')
    assert.equal(statusLabel(7000, { partial: true }), 'Parzialmente approvata')
    assert.equal(statusLabel(9000, { partial: true }), 'Rifiutata')
  })

  test('every state but 5000 falls in exactly one personal-area counter', ({ assert }) => {
    const codes = Object.keys(PRATICA_STATUS_LABELS).map(Number) as PraticaStatusCode[]
    for (const code of codes) {
      const counters = Object.entries(CITIZEN_COUNTERS).filter(([, list]) =>
        (list as readonly number[]).includes(code)
      )
      assert.lengthOf(counters, code === 5000 ? 0 : 1, `state ${code}`)
    }
    assert.equal(counterOf(4200), 'Da integrare')
    assert.equal(counterOf(4500), 'Inviate')
    assert.isNull(counterOf(5000))
  })
})
