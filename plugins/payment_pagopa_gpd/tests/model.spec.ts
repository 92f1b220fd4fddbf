import { test } from '@japa/runner'
import { parseNoticeCode } from '#extension_points/payment/notice_code'
import {
  madeForKey,
  statusOf,
  toDebtPosition,
  toGpdPosition,
  toPositionStatus,
  type GpdPositionResponse,
} from '../gpd_model.js'
import { identifiersFor, iuvOfIupd } from '../identifiers.js'
import { toJsonSchema } from '../openapi/openapi_contract.js'
import { cardErrors } from '../simulator/checkout.js'
import { creationProblems } from '../simulator/gpd_rules.js'

const KEY = 'pratica:42:payment:1'
const CREDITOR = {
  organizationFiscalCode: '80000010000',
  companyName: 'Comune di Prova',
  iban: 'IT60X0542811101000000123456',
  defaultCategory: '9/0101108TS/',
}

test.group('payment_pagopa_gpd identifiers', () => {
  test('aux digit {auxDigit}: a valid notice code, stable for the key')
    .with([
      { auxDigit: '3' as const, segregationCode: '47' },
      { auxDigit: '0' as const, segregationCode: '12' },
      { auxDigit: '2' as const },
    ])
    .run(({ assert }, row) => {
      const settings = { organizationFiscalCode: '80000010000', ...row }
      const ids = identifiersFor(settings, KEY)
      assert.deepEqual(identifiersFor(settings, KEY), ids, 'the same key, the same identifiers')
      const parts = parseNoticeCode(ids.noticeCode)
      assert.equal(parts?.auxDigit, row.auxDigit)
      assert.equal(parts?.iuv, ids.iuv)
      assert.equal(ids.iuv.length, row.auxDigit === '0' ? 15 : 17)
      if (row.auxDigit === '3') assert.isTrue(ids.iuv.startsWith('47'))
      if (row.auxDigit === '0') assert.isTrue(ids.noticeCode.startsWith('012'))
      assert.equal(ids.iupd, `80000010000-${ids.iuv}`)
      assert.equal(iuvOfIupd('80000010000', ids.iupd), ids.iuv)
      assert.notEqual(identifiersFor(settings, KEY, 1).iuv, ids.iuv, 'the next candidate differs')
      assert.notEqual(identifiersFor(settings, `${KEY}x`).iuv, ids.iuv, 'another key, another IUV')
    })
})

test.group('payment_pagopa_gpd GPD model', () => {
  const input = {
    idempotencyKey: KEY,
    payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' as const },
    amountCents: 1550,
    description: 'Mensa scolastica',
  }
  const ids = identifiersFor({ ...CREDITOR, auxDigit: '3', segregationCode: '47' }, KEY)

  test('a position: one option, one transfer to the ente’s IBAN, expiry as GPD expresses it', ({
    assert,
  }) => {
    const now = new Date('2026-01-10T10:00:00Z')
    const plain = toGpdPosition(input, ids, CREDITOR, now)
    assert.equal(plain.switchToExpired, false)
    assert.equal(plain.paymentOption[0].dueDate, '2027-01-10T10:00:00.000Z', 'a year when none')
    assert.deepInclude(plain.paymentOption[0].transfer[0], {
      amount: 1550,
      iban: CREDITOR.iban,
      category: '9/0101108TS/',
    })
    const expiring = toGpdPosition(
      {
        ...input,
        dueDate: new Date('2026-02-01T00:00:00Z'),
        expiresAt: new Date('2026-03-01T00:00:00Z'),
      },
      ids,
      CREDITOR,
      now
    )
    assert.equal(expiring.switchToExpired, true)
    assert.equal(expiring.paymentOption[0].dueDate, '2026-03-01T00:00:00.000Z')
    assert.equal(
      toGpdPosition({ ...input, payer: { ...input.payer, kind: 'organisation' } }, ids, CREDITOR)
        .type,
      'G'
    )
  })

  test('a marca da bollo: the transfer carries the stamp and no IBAN, the position is a stamp', ({
    assert,
  }) => {
    const documentHash = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg='
    const body = toGpdPosition(
      {
        ...input,
        amountCents: 1600,
        stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
      },
      ids,
      CREDITOR
    )
    const [transfer] = body.paymentOption[0].transfer
    assert.deepEqual(transfer.stamp, {
      hashDocument: documentHash,
      stampType: '01',
      provincialResidence: 'PI',
    })
    assert.notProperty(transfer, 'iban')
    assert.equal(transfer.amount, 1600)
    const created = toDebtPosition(body as GpdPositionResponse, ids.iupd, input)
    assert.equal(created.kind, 'stamp')
    const plain = toGpdPosition(input, ids, CREDITOR)
    assert.equal(toDebtPosition(plain as GpdPositionResponse, ids.iupd, input).kind, 'pagopa')
  })

  test('GPD {0} / {1} is {2}')
    .with([
      ['DRAFT', 'PO_UNPAID', 'PAYMENT_PENDING'],
      ['PUBLISHED', 'PO_UNPAID', 'PAYMENT_PENDING'],
      ['VALID', 'PO_UNPAID', 'PAYMENT_PENDING'],
      ['PAID', 'PO_PAID', 'COMPLETE'],
      ['REPORTED', 'PO_REPORTED', 'COMPLETE'],
      ['INVALID', 'PO_UNPAID', 'CANCELED'],
      ['EXPIRED', 'PO_UNPAID', 'EXPIRED'],
    ] as const)
    .run(({ assert }, [position, option, expected]) => {
      const response: GpdPositionResponse = {
        iupd: ids.iupd,
        status: position,
        paymentOption: [
          { iuv: ids.iuv, amount: 1550, status: option, paymentDate: '2026-01-11T08:00:00Z' },
        ],
      }
      assert.equal(statusOf(response), expected)
      const status = toPositionStatus(response, ids.iupd)
      assert.equal(status.paidAt !== undefined, expected === 'COMPLETE')
    })

  test('a position is ours only when it carries our key’s fingerprint', ({ assert }) => {
    const model = toGpdPosition(input, ids, CREDITOR)
    const response = { iupd: ids.iupd, paymentOption: model.paymentOption }
    assert.isTrue(madeForKey(response, KEY))
    assert.isFalse(madeForKey(response, 'pratica:43:payment:1'))
    assert.isFalse(madeForKey({ iupd: ids.iupd, paymentOption: [{ iuv: ids.iuv }] }, KEY))
  })
})

test.group('payment_pagopa_gpd simulator rules', () => {
  test('GPD refuses incoherent dates and amounts', ({ assert }) => {
    const now = new Date('2026-01-10T10:00:00Z')
    const option = {
      iuv: '47000000000000001',
      amount: 100,
      dueDate: '2026-02-01T00:00:00Z',
      transfer: [{ amount: 100, iban: 'IT60X0542811101000000123456' }],
    }
    assert.deepEqual(creationProblems({ paymentOption: [option] }, now), [])
    assert.match(
      creationProblems({ validityDate: '2026-01-01T00:00:00Z', paymentOption: [option] }, now)[0],
      /validity_date must be >= current_date/
    )
    assert.match(
      creationProblems({ paymentOption: [{ ...option, dueDate: '2026-01-09T00:00:00Z' }] }, now)[0],
      /due_date must be >=/
    )
    assert.match(
      creationProblems(
        { paymentOption: [{ ...option, retentionDate: '2026-01-20T00:00:00Z' }] },
        now
      )[0],
      /retention_date/
    )
    assert.match(
      creationProblems({ paymentOption: [{ ...option, transfer: [] }] }, now)[0],
      /Amounts/
    )
    assert.match(
      creationProblems({ paymentOption: [{ ...option, transfer: [{ amount: 100 }] }] }, now)[0],
      /mutually exclusive/
    )
  })

  test('the test card: number, expiry and security code checked', ({ assert }) => {
    const now = new Date('2026-01-10T10:00:00Z')
    assert.deepEqual(
      cardErrors({ numeroCarta: '4242 4242 4242 4242', scadenza: '12/30', cvv: '123' }, now).errors,
      {}
    )
    const { errors } = cardErrors(
      { numeroCarta: '4242 4242 4242 4243', scadenza: '12/25', cvv: '12' },
      now
    )
    assert.sameMembers(Object.keys(errors), ['numeroCarta', 'scadenza', 'cvv'])
  })
})

test.group('payment_pagopa_gpd OpenAPI 3.0 schemas for ajv', () => {
  test('nullable, boolean exclusive bounds, examples and references', ({ assert }) => {
    assert.deepEqual(
      toJsonSchema(
        {
          type: 'object',
          properties: {
            example: { type: 'string', nullable: true, example: 'x' },
            status: { $ref: '#/components/schemas/HttpStatusCode' },
            code: {
              type: 'integer',
              maximum: 600,
              exclusiveMaximum: true,
              minimum: 100,
              exclusiveMinimum: false,
            },
          },
        },
        'doc.json'
      ),
      {
        type: 'object',
        properties: {
          example: { type: ['string', 'null'] },
          status: { $ref: 'doc.json#/components/schemas/HttpStatusCode' },
          code: { type: 'integer', exclusiveMaximum: 600, minimum: 100 },
        },
      }
    )
  })
})
