import { createHash, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { DebtPositionInput, PositionRef } from '#extension_points/payment/contract'
import { OpenApiContract } from '../openapi/openapi_contract.js'
import { adapterOver, apisOf, checkedFetch } from './helpers/checked_fetch.js'
import {
  NOTIFY_URL,
  ORGANIZATION,
  payAtCheckout,
  startGpdSimulator,
  STATION,
} from './helpers/simulator.js'
import { paSendRtV2For } from '../simulator/delivery.js'

/**
 * Every request the client sends validates against pagoPA's OpenAPI
 * documents: the adapter runs each of its operations over a transport that
 * checks the requests with the documents before the simulator sees them.
 */
const { remote, config } = await startGpdSimulator()

const RETURN_URLS = {
  success: 'https://servizi.example.it/comune-di-prova/area-personale/pagamenti/esito?stato=ok',
  cancel:
    'https://servizi.example.it/comune-di-prova/area-personale/pagamenti/esito?stato=annullato',
}

/** The client's operations, one per method of client.ts. */
const CLIENT_OPERATIONS = [
  'createPosition',
  'getOrganizationDebtPositionByIUPD',
  'invalidatePosition',
  'getReceiptByIUV',
  'PostCartsV2',
  'generateNotice',
  'getTemplates',
]

function input(overrides: Partial<DebtPositionInput> = {}): DebtPositionInput {
  return {
    idempotencyKey: `pratica:${randomUUID()}:payment:1`,
    payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
    amountCents: 4200,
    description: 'Diritti di segreteria',
    ...overrides,
  }
}

const refOf = (position: PositionRef): PositionRef => ({
  positionId: position.positionId,
  iuv: position.iuv,
  noticeCode: position.noticeCode,
})

test.group('payment_pagopa_gpd client against the OpenAPI documents', (group) => {
  group.teardown(() => remote.stop())

  test('every request of every operation validates against its document', async ({ assert }) => {
    const { transport, requests } = checkedFetch(apisOf(config))
    const { adapter, client } = await adapterOver(config, transport)

    // positions of every shape the contract allows
    const variants = [
      input(),
      input({
        payer: {
          fiscalCode: '01234567897',
          name: 'Società Cooperativa «La Ginestra» a r.l.',
          kind: 'organisation',
          email: 'amministrazione@ginestra.example.it',
        },
        dueDate: new Date(Date.now() + 10 * 86_400_000),
        taxonomy: '9/0201133IM/',
      }),
      input({
        description: 'Retta mensile asilo nido comunale, mese di settembre: '.padEnd(140, '.'),
        expiresAt: new Date(Date.now() + 3 * 86_400_000),
      }),
      input({
        amountCents: 1600,
        description: 'Imposta di bollo sull’istanza',
        stamp: {
          documentHash: createHash('sha256').update('istanza').digest('base64'),
          hashAlgorithm: 'sha256',
          province: 'PI',
        },
      }),
    ]
    const positions = []
    for (const variant of variants) positions.push(await adapter.createPosition(variant))
    await adapter.createPosition(variants[0]) // 409, read back

    await adapter.getNotice(refOf(positions[1]))
    const session = await adapter.startPayment({
      positions: positions.slice(0, 2).map(refOf),
      returnUrls: RETURN_URLS,
      payerEmail: 'maria.rossi@example.it',
    })
    await payAtCheckout(session, 'paid')
    await adapter.getStatus(refOf(positions[0]))
    await adapter.getReceipt(refOf(positions[0]))
    const notification = await paSendRtV2For(ORGANIZATION, positions[1].iuv, {
      ...STATION,
      url: NOTIFY_URL,
    })
    await adapter.parseNotification(notification!)
    await adapter.cancelPosition(refOf(positions[2]))
    await adapter.cancelPosition(refOf(positions[2])) // 409, read back
    await client.getTemplates()

    const invalid = requests.filter((request) => request.errors.length)
    assert.deepEqual(invalid, [], 'requests the documents refuse')
    assert.sameMembers(
      [...new Set(requests.map((request) => request.operationId))],
      CLIENT_OPERATIONS,
      'each of the client’s operations was checked'
    )
  })

  test('the check refuses what the documents refuse', async ({ assert }) => {
    const { transport, requests } = checkedFetch(apisOf(config))
    const body = {
      iupd: `${ORGANIZATION}-prova`,
      type: 'F',
      fiscalCode: 'RSSMRA80A41H501Y',
      fullName: 'Maria Rossi',
      companyName: 'Comune di Prova',
      switchToExpired: false,
      paymentOption: [
        { iuv: '47000000000000001', amount: '42.00', description: 'x', isPartialPayment: false },
      ],
    }
    const answer = await transport(
      `${config.gpdBaseUrl}/organizations/${ORGANIZATION}/debtpositions?toPublish=sì`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }
    )
    assert.equal(answer.status, 401, 'the simulator refuses it too: no subscription key')
    assert.lengthOf(requests, 1)
    assert.includeMembers(requests[0].errors, ['header Ocp-Apim-Subscription-Key is required'])

    const check = OpenApiContract.load('gpd').check({
      method: 'POST',
      path: `/organizations/${ORGANIZATION}/debtpositions`,
      query: { toPublish: 'sì' },
      headers: { 'ocp-apim-subscription-key': 'k', 'content-type': 'application/json' },
      body,
    })
    assert.equal(check.outcome, 'invalid')
    assert.includeMembers(check.outcome === 'invalid' ? check.errors : [], [
      'query/toPublish must be boolean',
      'body/paymentOption/0/amount must be integer',
      "body/paymentOption/0 must have required property 'dueDate'",
    ])
  })
})
