import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout } from 'node:timers/promises'
import { test } from '@japa/runner'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import type { PositionRef } from '#extension_points/payment/contract'
import { PaymentCallbackError } from '#extension_points/payment/errors'
import plugin from '../plugin.js'
import { signPushJwt, verifyPushJwt } from '../push_jwt.js'
import { parseVersamento } from '../documents.js'
import { pagatiXml } from '../simulator/documents.js'
import { findDovuto, lastPushFor, registerEnte } from '../simulator/store.js'
import { JWT_CLIENT_ID, startSimulatedMyPay } from './helpers/simulated_mypay.js'

/**
 * MyPay's outcome push: the HS512 bearer JWT (what MyPay signs and nothing
 * else is accepted) and the body, whose claims are never believed without
 * asking MyPay.
 */
const mypay = await startSimulatedMyPay()
const secret = mypay.ente.jwtSecret!

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

function token(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key = secret,
  algorithm = 'sha512'
) {
  const input = `${b64url(header)}.${b64url(claims)}`
  return `${input}.${createHmac(algorithm, Buffer.from(key, 'base64')).update(input).digest('base64url')}`
}

async function adapter(overrides: Record<string, unknown> = {}) {
  const built = await createTestAdapter({
    plugin,
    config: { ...mypay.config, ...overrides },
    ente: mypay.enteInfo,
  })
  return built.adapter
}

async function unpaidPosition() {
  const mine = await adapter()
  return mine.createPosition({
    idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
    payer: { ...TEST_PAYER },
    amountCents: 3200,
    description: 'Occupazione di suolo pubblico',
    taxonomy: '9/0101108TS/',
  })
}

/** parseNotification's failure, for the checks on it. */
async function refusal(notification: Promise<unknown>) {
  try {
    await notification
  } catch (error) {
    return error as PaymentCallbackError
  }
  throw new Error('the push was accepted')
}

/** A push with the ente's own key, claiming this position paid. */
async function signedClaimOfPayment(position: PositionRef) {
  const dovuto = (await findDovuto(mypay.ente.codIpaEnte, { iud: position.positionId }))!
  const body = JSON.stringify({
    rt: '',
    esito: Buffer.from(
      pagatiXml('Pagati', mypay.ente, {
        versamento: parseVersamento(dovuto.versamentoXml),
        iuv: dovuto.iuv,
        iur: randomBytes(16).toString('hex'),
        paidAt: new Date(),
        esito: '0',
      })
    ).toString('base64'),
  })
  return mypay.notification(
    body,
    `Bearer ${signPushJwt(secret, { kid: 'chiave-1', iss: JWT_CLIENT_ID })}`
  )
}

test.group('MyPay push: the HS512 JWT', () => {
  test('accepts what MyPay signs: kid in the header, sub and iss, HS512 with the decoded key', ({
    assert,
  }) => {
    const signed = signPushJwt(secret, {
      kid: 'chiave-1',
      sub: 'sil@comune.it',
      iss: JWT_CLIENT_ID,
    })
    const [header] = signed.split('.')
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), {
      kid: 'chiave-1',
      alg: 'HS512',
    })
    assert.deepEqual(verifyPushJwt(`Bearer ${signed}`, secret, JWT_CLIENT_ID), {
      ok: true,
      claims: { iss: JWT_CLIENT_ID, sub: 'sil@comune.it' },
    })
    // the same token built by hand: the signature is HMAC-SHA512 over header.payload
    const byHand = token(
      { kid: 'chiave-1', alg: 'HS512' },
      { sub: 'sil@comune.it', iss: JWT_CLIENT_ID }
    )
    assert.isTrue(verifyPushJwt(`Bearer ${byHand}`, secret).ok)
  })

  test('refuses every other token', ({ assert }) => {
    const claims = { iss: JWT_CLIENT_ID }
    const cases: Array<[string, string | undefined, string]> = [
      ['no header', undefined, 'missing_token'],
      ['not a bearer', `Basic ${b64url('a:b')}`, 'missing_token'],
      [
        'another key',
        `Bearer ${token({ alg: 'HS512' }, claims, randomBytes(64).toString('base64'))}`,
        'signature',
      ],
      ['HS256', `Bearer ${token({ alg: 'HS256' }, claims, secret, 'sha256')}`, 'algorithm'],
      [
        'alg none',
        `Bearer ${b64url({ alg: 'none' })}.${b64url(claims)}.${b64url('x')}`,
        'algorithm',
      ],
      ['another issuer', `Bearer ${token({ alg: 'HS512' }, { iss: 'altro' })}`, 'issuer'],
      [
        'a claim changed after signing',
        `Bearer ${token({ alg: 'HS512' }, claims).replace(/\.[^.]+\./, `.${b64url({ iss: 'x' })}.`)}`,
        'signature',
      ],
      ['a cut signature', `Bearer ${token({ alg: 'HS512' }, claims).slice(0, -4)}`, 'signature'],
    ]
    for (const [what, header, reason] of cases) {
      assert.deepEqual(verifyPushJwt(header, secret, JWT_CLIENT_ID), { ok: false, reason }, what)
    }
  })

  test('a push with the right token but a payment MyPay does not confirm reports the real state', async ({
    assert,
  }) => {
    const position = await unpaidPosition()
    const mine = await adapter()
    const notification = await mine.parseNotification!(await signedClaimOfPayment(position))
    assert.deepEqual(
      notification.outcomes.map((outcome) => [outcome.positionId, outcome.status]),
      [[position.positionId, 'PAYMENT_PENDING']]
    )
  })

  test('without a key in the settings no push is accepted', async ({ assert }) => {
    const position = await unpaidPosition()
    const push = await signedClaimOfPayment(position)
    const withoutKey = await adapter({ jwtSecret: undefined })
    const error = await refusal(withoutKey.parseNotification!(push))
    assert.instanceOf(error, PaymentCallbackError)
    assert.equal(error.reason, 'invalid_signature')
  })

  test('an unreadable body or an unknown dovuto is refused', async ({ assert }) => {
    const authorization = `Bearer ${signPushJwt(secret, { iss: JWT_CLIENT_ID })}`
    const mine = await adapter()
    const malformed = await refusal(
      mine.parseNotification!(mypay.notification('{"esito":"bm9uIFhNTA=="}', authorization))
    )
    assert.equal(malformed.reason, 'malformed')

    const position = await unpaidPosition()
    const push = await signedClaimOfPayment(position)
    const claim = Buffer.from((push.body as { esito: string }).esito, 'base64').toString()
    const elsewhere = Buffer.from(claim.replace(position.positionId, 'sdc-non-esiste')).toString(
      'base64'
    )
    const unknown = await refusal(
      mine.parseNotification!(
        mypay.notification(JSON.stringify({ rt: '', esito: elsewhere }), authorization)
      )
    )
    assert.instanceOf(unknown, PaymentCallbackError)
    assert.equal(unknown.reason, 'unknown_position')
  })
})

test.group('MyPay push: delivery', (group) => {
  group.teardown(() => mypay.remote.stop())

  test('after a payment MyPay posts { rt, esito } with the bearer JWT to the ente’s URL', async ({
    assert,
    cleanup,
  }) => {
    const received: Array<{ authorization?: string; body: string }> = []
    const platform = createServer(async (request, response) => {
      let body = ''
      for await (const chunk of request) body += chunk
      received.push({ authorization: request.headers.authorization, body })
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve))
    cleanup(() => new Promise<void>((resolve) => platform.close(() => resolve())))
    const { port } = platform.address() as AddressInfo
    await registerEnte({
      ...mypay.ente,
      pushUrl: `http://127.0.0.1:${port}/comune-di-prova/callbacks/payment_mypay/notify`,
    })
    cleanup(() => registerEnte(mypay.ente))

    const mine = await adapter()
    const position = await unpaidPosition()
    const session = await mine.startPayment({
      positions: [position],
      returnUrls: {
        success: `${mypay.enteInfo.baseUrl}/ok`,
        cancel: `${mypay.enteInfo.baseUrl}/ko`,
      },
    })
    await mypay.harness.payAtCheckout(session, 'paid')
    for (let wait = 0; wait < 50 && !received.length; wait++) await setTimeout(50)

    assert.lengthOf(received, 1)
    assert.isTrue(verifyPushJwt(received[0].authorization, secret, JWT_CLIENT_ID).ok)
    const notification = await mine.parseNotification!(
      mypay.notification(received[0].body, received[0].authorization!)
    )
    assert.equal(notification.outcomes[0].status, 'COMPLETE')
    for (let wait = 0; wait < 20; wait++) {
      const push = await lastPushFor(mypay.ente.codIpaEnte, position.positionId)
      if (push?.attempts) break
      await setTimeout(50)
    }
    const recorded = await lastPushFor(mypay.ente.codIpaEnte, position.positionId)
    assert.equal(recorded?.statusCode, 200)
    assert.equal(recorded?.attempts, 1)
  })
})
