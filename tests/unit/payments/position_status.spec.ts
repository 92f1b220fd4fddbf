import { test } from '@japa/runner'
import {
  canApply,
  nextCheckDelayMs,
  outcomeOf,
  positionKey,
  type PaymentStatus,
} from '#domain/payments/position_status'
import { amountOf } from '#domain/payments/form_amount'

const ALL: PaymentStatus[] = [
  'CREATION_PENDING',
  'CREATION_FAILED',
  'PAYMENT_PENDING',
  'PAYMENT_STARTED',
  'PAYMENT_FAILED',
  'COMPLETE',
  'EXPIRED',
  'CANCELED',
]

test.group('Payment positions: state rules', () => {
  test('a payment is never lost: COMPLETE is accepted from every other state and never left', ({
    assert,
  }) => {
    for (const from of ALL.filter((status) => status !== 'COMPLETE')) {
      assert.isTrue(canApply(from, 'COMPLETE'), from)
    }
    for (const to of ALL) assert.isFalse(canApply('COMPLETE', to), to)
  })

  test('the same news twice changes nothing; no going back to creation or from started to pending', ({
    assert,
  }) => {
    for (const status of ALL) assert.isFalse(canApply(status, status), status)
    for (const from of ALL) {
      assert.isFalse(canApply(from, 'CREATION_PENDING'), from)
      assert.isFalse(canApply(from, 'CREATION_FAILED'), from)
    }
    assert.isFalse(canApply('PAYMENT_STARTED', 'PAYMENT_PENDING'))
    assert.isTrue(canApply('PAYMENT_PENDING', 'PAYMENT_STARTED'))
    assert.isTrue(canApply('PAYMENT_STARTED', 'PAYMENT_FAILED'))
    assert.isTrue(canApply('PAYMENT_FAILED', 'PAYMENT_STARTED'))
    assert.isFalse(canApply('EXPIRED', 'PAYMENT_PENDING'))
    assert.isFalse(canApply('CANCELED', 'PAYMENT_STARTED'))
  })

  test('the outcome of an attempt: paid when all complete, failed as soon as one cannot be paid', ({
    assert,
  }) => {
    assert.equal(outcomeOf(['COMPLETE', 'COMPLETE']), 'paid')
    assert.equal(outcomeOf(['COMPLETE', 'PAYMENT_PENDING']), 'waiting')
    assert.equal(outcomeOf(['COMPLETE', 'PAYMENT_STARTED']), 'started')
    assert.equal(outcomeOf(['PAYMENT_STARTED', 'EXPIRED']), 'failed')
    assert.equal(outcomeOf(['PAYMENT_FAILED']), 'failed')
    assert.equal(outcomeOf(['CREATION_FAILED']), 'waiting')
    assert.equal(outcomeOf([]), 'waiting')
  })

  test('reconciliation back-off: 1 minute doubling, never less than once a day', ({ assert }) => {
    assert.deepEqual(
      [0, 1, 2, 3, 10, 11, 40].map((attempts) => nextCheckDelayMs(attempts) / 60_000),
      [1, 2, 4, 8, 1024, 1440, 1440]
    )
  })

  test('idempotency keys: one per payment and try', ({ assert }) => {
    assert.equal(positionKey(42, 'at_request', 0, 1), 'pratica:42:payment:1')
    assert.equal(positionKey(42, 'at_request', 1, 1), 'pratica:42:payment:2')
    assert.equal(positionKey(42, 'at_request', 0, 2), 'pratica:42:payment:1:tentativo:2')
    assert.equal(positionKey(42, 'deferred', 0, 1), 'pratica:42:deferred:1')
  })
})

test.group('Payment positions: the amount of a configured payment', () => {
  test('the service amount, or the form field in euros', ({ assert }) => {
    assert.equal(amountOf({ amountCents: 1600 }, {}), 1600)
    const item = { amountCents: null, amountField: 'calcolo.totale' }
    assert.equal(amountOf(item, { calcolo: { totale: 12.5 } }), 1250)
    assert.equal(amountOf(item, { calcolo: { totale: '7,20' } }), 720)
    assert.equal(amountOf(item, { calcolo: { totale: '0' } }), 0)
    assert.isNull(amountOf(item, { calcolo: { totale: 'dodici' } }))
    assert.isNull(amountOf(item, { calcolo: {} }))
    assert.isNull(amountOf({ amountCents: null }, {}))
    assert.isNull(amountOf(item, { calcolo: { totale: -3 } }))
  })
})
