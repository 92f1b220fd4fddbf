import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { iuvFor } from '#extension_points/payment/notice_code'
import { ORGANIZATION, startGpdSimulator } from './helpers/simulator.js'

/**
 * The simulator refuses what pagoPA refuses: what the OpenAPI documents do
 * not allow (401 without a subscription key, 400 with the violations), what
 * GPD's own rules refuse (dates, amounts, accounts) and duplicates (409).
 */
const { remote, config } = await startGpdSimulator()
const KEY = { 'Ocp-Apim-Subscription-Key': 'chiave-di-prova' }
const DAY_MS = 86_400_000

async function call(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
) {
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.headers ?? KEY),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  })
  const text = await response.text()
  const type = response.headers.get('content-type') ?? ''
  return {
    status: response.status,
    headers: response.headers,
    body: type.includes('json') ? JSON.parse(text) : text,
  }
}

async function statusOf(url: string, options: Parameters<typeof call>[1] = {}) {
  const answer = await call(url, options)
  return answer.status
}

function newIuv() {
  const reference = String(BigInt(`0x${randomUUID().replace(/-/g, '')}`) % 10n ** 13n).padStart(
    13,
    '0'
  )
  return iuvFor({ auxDigit: '3', segregationCode: '47', reference })
}

function position(overrides: Record<string, any> = {}, option: Record<string, any> = {}) {
  const iuv = option.iuv ?? newIuv()
  return {
    iupd: `${ORGANIZATION}-${iuv}`,
    type: 'F',
    fiscalCode: 'RSSMRA80A41H501Y',
    fullName: 'Maria Rossi',
    companyName: 'Comune di Prova',
    switchToExpired: false,
    ...overrides,
    paymentOption: [
      {
        iuv,
        nav: `3${iuv}`,
        amount: 1000,
        description: 'Diritti di segreteria',
        isPartialPayment: false,
        dueDate: new Date(Date.now() + 30 * DAY_MS).toISOString(),
        transfer: [
          {
            idTransfer: '1',
            amount: 1000,
            remittanceInformation: 'Diritti di segreteria',
            category: '9/0101108TS/',
            iban: 'IT60X0542811101000000123456',
          },
        ],
        ...option,
      },
    ],
  }
}

const positions = () => `${config.gpdBaseUrl}/organizations/${ORGANIZATION}/debtpositions`

test.group('payment_pagopa_gpd simulator refuses what pagoPA refuses', (group) => {
  group.teardown(() => remote.stop())

  test('GPD: no subscription key is 401', async ({ assert }) => {
    const answer = await call(`${positions()}?toPublish=true`, { body: position(), headers: {} })
    assert.equal(answer.status, 401)
  })

  test('GPD: a body the schema refuses is 400 with every violation', async ({ assert }) => {
    const body = position(
      { type: 'X', iupd: undefined },
      { amount: 0, dueDate: '2030-01-01', description: 'x'.repeat(141) }
    )
    const answer = await call(`${positions()}?toPublish=forse`, { body })
    assert.equal(answer.status, 400)
    assert.equal(answer.body.status, 400)
    for (const violation of [
      'query/toPublish must be boolean',
      "body must have required property 'iupd'",
      'body/type must be equal to one of the allowed values (F, G)',
      'body/paymentOption/0/amount must be >= 1',
      'body/paymentOption/0/dueDate must match format "date-time"',
      'body/paymentOption/0/description must NOT have more than 140 characters',
    ]) {
      assert.include(answer.body.detail, violation)
    }
  })

  test('GPD: its own rules on dates, amounts and accounts are 400', async ({ assert }) => {
    const cases: Array<[Record<string, any>, string]> = [
      [{ dueDate: new Date(Date.now() - DAY_MS).toISOString() }, 'due_date must be >='],
      [{ amount: 1200 }, 'Amounts congruence error'],
      [
        {
          transfer: [
            {
              idTransfer: '1',
              amount: 1000,
              remittanceInformation: 'x',
              category: '9/0101108TS/',
              iban: 'IT60X0542811101000000123456',
              postalIban: 'IT60X0760111101000000123456',
            },
          ],
        },
        'mutually exclusive',
      ],
    ]
    for (const [option, message] of cases) {
      const answer = await call(`${positions()}?toPublish=true`, { body: position({}, option) })
      assert.equal(answer.status, 400, message)
      assert.include(answer.body.detail, message)
    }
  })

  test('GPD: a malformed stamp is 400, by the schema or by GPD’s own rules', async ({ assert }) => {
    const stampTransfer = (
      stamp: Record<string, unknown>,
      extra: Record<string, unknown> = {}
    ) => ({
      transfer: [
        {
          idTransfer: '1',
          amount: 1000,
          remittanceInformation: 'Imposta di bollo',
          category: '9/0101108TS/',
          stamp: {
            hashDocument: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
            stampType: '01',
            provincialResidence: 'PI',
            ...stamp,
          },
          ...extra,
        },
      ],
    })
    const created = await call(`${positions()}?toPublish=true`, {
      body: position({}, stampTransfer({})),
    })
    assert.equal(created.status, 201, 'a well-formed stamp is accepted')

    const cases: Array<[Record<string, any>, string]> = [
      [stampTransfer({ provincialResidence: 'pi' }), 'provincialResidence must match pattern'],
      [stampTransfer({ stampType: '1' }), 'stampType must NOT have fewer than 2 characters'],
      [stampTransfer({ hashDocument: 'x'.repeat(73) }), 'hashDocument must NOT have more than 72'],
      [stampTransfer({ stampType: undefined }), "must have required property 'stampType'"],
      [stampTransfer({ provincialResidence: 'PIS' }), 'provincialResidence must match "[A-Z]{2}"'],
      [stampTransfer({ hashDocument: '' }), 'hashDocument must not be blank'],
      [stampTransfer({ stampType: '02' }), 'stampType must be 01'],
      [
        stampTransfer({}, { iban: 'IT60X0542811101000000123456' }),
        'Iban, postalIban and Stamp are mutually exclusive',
      ],
    ]
    for (const [option, message] of cases) {
      const answer = await call(`${positions()}?toPublish=true`, { body: position({}, option) })
      assert.equal(answer.status, 400, message)
      assert.include(answer.body.detail, message)
    }
  })

  test('GPD: the same IUPD or the same IUV again is 409', async ({ assert }) => {
    const first = position()
    assert.equal(await statusOf(`${positions()}?toPublish=true`, { body: first }), 201)
    assert.equal(await statusOf(`${positions()}?toPublish=true`, { body: first }), 409)
    const sameIuv = position({ iupd: `${ORGANIZATION}-altra` }, { iuv: first.paymentOption[0].iuv })
    assert.equal(await statusOf(`${positions()}?toPublish=true`, { body: sameIuv }), 409)
  })

  test('GPD: a published position is VALID; unknown ones are 404; invalidating twice is 409', async ({
    assert,
  }) => {
    const body = position()
    const created = await call(`${positions()}?toPublish=true`, { body })
    assert.equal(created.body.status, 'VALID')
    const read = await call(`${positions()}/${body.iupd}`)
    assert.equal(read.status, 200)
    assert.equal(read.body.paymentOption[0].status, 'PO_UNPAID')
    assert.equal(await statusOf(`${positions()}/${ORGANIZATION}-nessuna`), 404)
    const invalidate = `${positions()}/${body.iupd}/invalidate`
    assert.equal(await statusOf(invalidate, { method: 'POST' }), 200)
    assert.equal(await statusOf(invalidate, { method: 'POST' }), 409)
  })

  test('GPD: a draft (toPublish false) is DRAFT; operations it does not simulate are 404', async ({
    assert,
  }) => {
    const body = position()
    const draft = await call(positions(), { body })
    assert.equal(draft.body.status, 'DRAFT')
    assert.equal(await statusOf(positions()), 404, 'the list is not simulated')
  })

  test('receipts: none for an unpaid IUV (404), no key 401', async ({ assert }) => {
    const url = `${config.receiptsBaseUrl}/payments/${ORGANIZATION}/receipts/${newIuv()}`
    assert.equal(await statusOf(url), 404)
    assert.equal(await statusOf(url, { headers: {} }), 401)
  })

  test('Checkout: a cart the schema refuses is 400; the key may be a query parameter', async ({
    assert,
  }) => {
    const notice = {
      noticeNumber: `3${newIuv()}`,
      fiscalCode: ORGANIZATION,
      amount: 1000,
      companyName: 'Comune di Prova',
      description: 'Diritti di segreteria',
    }
    const returnUrls = {
      returnOkUrl: 'https://servizi.example.it/ok',
      returnCancelUrl: 'https://servizi.example.it/annullato',
      returnErrorUrl: 'https://servizi.example.it/errore',
      returnWaitingUrl: 'https://servizi.example.it/attesa',
    }
    const carts = `${config.checkoutBaseUrl}/carts`
    const tooMany = await call(carts, {
      body: { paymentNotices: Array(6).fill(notice), returnUrls },
    })
    assert.equal(tooMany.status, 400)
    assert.include(tooMany.body.detail, 'body/paymentNotices must NOT have more than 5 items')

    // Checkout v1's return URLs: v2 also wants returnWaitingUrl
    const v1Urls = {
      returnOkUrl: returnUrls.returnOkUrl,
      returnCancelUrl: returnUrls.returnCancelUrl,
      returnErrorUrl: returnUrls.returnErrorUrl,
    }
    const short = await call(carts, {
      body: { paymentNotices: [{ ...notice, noticeNumber: '123' }], returnUrls: v1Urls },
    })
    assert.equal(short.status, 400)
    assert.include(short.body.detail, "must have required property 'returnWaitingUrl'")
    assert.include(short.body.detail, 'noticeNumber must NOT have fewer than 18 characters')

    const byQuery = await call(`${carts}?subscription-key=chiave`, {
      body: { paymentNotices: [notice], returnUrls },
      headers: {},
    })
    assert.equal(byQuery.status, 302)
    assert.match(byQuery.headers.get('location')!, /\/checkout\/c\/[0-9a-f-]{36}$/)
    assert.equal(
      await statusOf(carts, { body: { paymentNotices: [notice], returnUrls }, headers: {} }),
      401
    )
  })

  test('Stampa avvisi: a debtor without its required fields is 400', async ({ assert }) => {
    const answer = await call(`${config.printBaseUrl}/notices/generate`, {
      body: {
        templateId: 'simulatore-avviso-rata-unica',
        data: {
          notice: { subject: 'Diritti', code: '3' + newIuv(), paymentAmount: 1000 },
          creditorInstitution: { taxCode: ORGANIZATION },
          debtor: { fullName: 'Maria Rossi' },
        },
      },
    })
    assert.equal(answer.status, 400)
    assert.include(answer.body.detail, "body/data/debtor must have required property 'address'")
  })
})
