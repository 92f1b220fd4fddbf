import { test } from '@japa/runner'
import {
  canDecide,
  canTakeCharge,
  canTakeOver,
  manualTargets,
  outcomeTarget,
  stateWhenTaken,
} from '#domain/pratica_work'
import { plainParagraphs } from '#services/html/safe_html'

test.group('What an operator may do with a pratica', () => {
  test('Prendi in carico: sent and nobody has it', ({ assert }) => {
    assert.isTrue(canTakeCharge({ status: 2000, operatorId: null }))
    assert.isTrue(canTakeCharge({ status: 3000, operatorId: null }))
    assert.isTrue(canTakeCharge({ status: 4000, operatorId: null }))
    assert.isFalse(canTakeCharge({ status: 2000, operatorId: 7 }))
    assert.isFalse(canTakeCharge({ status: 1900, operatorId: null }))
    assert.isFalse(canTakeCharge({ status: 7000, operatorId: null }))
  })

  test('Subentra: another operator has it, still open', ({ assert }) => {
    assert.isTrue(canTakeOver({ status: 4000, operatorId: 7 }, 8))
    assert.isTrue(canTakeOver({ status: 4200, operatorId: 7 }, 8))
    assert.isFalse(canTakeOver({ status: 4000, operatorId: 8 }, 8))
    assert.isFalse(canTakeOver({ status: 9000, operatorId: 7 }, 8))
    assert.isFalse(canTakeOver({ status: 4000, operatorId: null }, 8))
  })

  test('Approva / Rigetta: in my charge, In carico or after integrations', ({ assert }) => {
    assert.isTrue(canDecide({ status: 4000, operatorId: 8 }, 8))
    assert.isTrue(canDecide({ status: 4500, operatorId: 8 }, 8))
    assert.isFalse(canDecide({ status: 4000, operatorId: 7 }, 8))
    assert.isFalse(canDecide({ status: 4200, operatorId: 8 }, 8))
    assert.isFalse(canDecide({ status: 2000, operatorId: 8 }, 8))
  })

  test('where taking and deciding lead', ({ assert }) => {
    assert.equal(stateWhenTaken(2000), 4000)
    assert.equal(stateWhenTaken(4200), 4200)
    assert.equal(outcomeTarget('approve', false), 7000)
    assert.equal(outcomeTarget('approve', true), 6000)
    assert.equal(outcomeTarget('reject', false), 9000)
    assert.equal(outcomeTarget('reject', true), 8000)
  })

  test('Cambio stato: manual targets the machine allows, never the same state', ({ assert }) => {
    assert.deepEqual(manualTargets(2000), [3000, 4000])
    assert.deepEqual(manualTargets(4000), [1500])
    assert.deepEqual(manualTargets(7000), [4000])
    assert.deepEqual(manualTargets(6000), [])
  })
})

test.group('A rich text message as plain paragraphs', () => {
  test('blocks, list items and line breaks kept; markup and scripts gone; entities decoded', ({
    assert,
  }) => {
    assert.deepEqual(
      plainParagraphs(
        '<p>Gentile <b>Lorenzo</b>,<br>la\u00a0richiesta &egrave; accettata &amp; chiusa.</p><ul><li>uno</li><li>due</li></ul><script>alert(1)</script><p>Saluti</p>'
      ),
      ['Gentile Lorenzo,\nla richiesta è accettata & chiusa.', '• uno', '• due', 'Saluti']
    )
    assert.deepEqual(plainParagraphs('Riga uno\nriga due\n\nSecondo: 3 < 5 & 7 > 2'), [
      'Riga uno\nriga due',
      'Secondo: 3 < 5 & 7 > 2',
    ])
  })
})
