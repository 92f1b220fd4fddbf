import { test } from '@japa/runner'
import { randomBytes } from 'node:crypto'
import { rejection } from '#extension_points/conformance'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type { PaymentAdapter } from '#extension_points/payment/contract'
import { PaymentCallbackError } from '#extension_points/payment/errors'
import {
  newTestPosition,
  positionAtCheckout,
  refOf,
  statusOf,
  submitCheckout,
} from '#extension_points/payment/kit/testing_kit'
import { createTestAdapter } from '#extension_points/payment/testing'
import { FIRMA_HEADER } from '../api.js'
import { MAX_PUSH_AGE_MS } from '../notification.js'
import plugin from '../plugin.js'
import { signPush } from '../push_signature.js'
import { clearFaults, injectPushFault } from '../simulator/faults.js'
import { expireAndPush } from '../simulator/push.js'
import { countPositions } from '../simulator/store.js'
import { forgedPush, paidClaim, pushTo, startAdvancedSystem } from './harness.js'
import { PlatformInbox } from './platform_inbox.js'

/**
 * The gateway's outcome push (provisional interface): delivered signed to
 * the ente's address after a payment, a cancellation, an expiry; made
 * again until the platform acknowledges it; lost or doubled by the fault
 * switch; refused by the adapter when it is not the gateway's.
 */
const { remote, config } = await startAdvancedSystem()
const inbox = new PlatformInbox()

async function adapter(overrides: Record<string, unknown> = {}) {
  const built = await createTestAdapter({ plugin, config: { ...config, ...overrides } })
  return built.adapter
}

/** The status the adapter reads in a push. */
async function statusPushed(payments: PaymentAdapter, push: PluginHttpRequest) {
  const notification = await payments.parseNotification!(push)
  return notification.outcomes[0].status
}

/** The citizen pays a new position at the checkout; answers the position. */
async function paid(payments: PaymentAdapter) {
  const { position, session } = await positionAtCheckout(payments)
  await submitCheckout(session.redirectUrl, 'paid')
  return position
}

/** A delivered push with its body changed after signing, or re-signed `ageMs` ago. */
function altered(push: PluginHttpRequest, change: (esito: any) => void, chiave?: string) {
  const esito = JSON.parse(push.rawBody!)
  change(esito)
  const rawBody = JSON.stringify(esito)
  const signature = chiave ? signPush(rawBody, chiave) : push.headers[FIRMA_HEADER]
  return { ...push, rawBody, body: esito, headers: { ...push.headers, [FIRMA_HEADER]: signature } }
}

test.group('Advanced System outcome push', (group) => {
  group.setup(async () => {
    await inbox.start()
    await pushTo(inbox, config)
    return async () => {
      await remote.stop()
      await inbox.stop()
    }
  })
  group.each.setup(() => {
    clearFaults()
    inbox.answers.length = 0
  })

  test('a payment is pushed once, signed, and reads as COMPLETE with the receipt', async ({
    assert,
  }) => {
    const payments = await adapter()
    const position = await paid(payments)
    const [push] = await inbox.waitFor(position.iuv)
    assert.equal(push.headers[FIRMA_HEADER], signPush(push.rawBody!, config.chiaveNotifiche))

    const notification = await payments.parseNotification!(push)
    const receipt = await payments.getReceipt(refOf(position))
    assert.deepEqual(notification.outcomes, [
      {
        positionId: position.iuv,
        iuv: position.iuv,
        status: 'COMPLETE',
        paidAt: receipt!.paidAt,
        amountPaidCents: 2500,
        receiptId: receipt!.receiptId,
      },
    ])
    await new Promise((resolve) => setTimeout(resolve, 300))
    assert.lengthOf(inbox.pushesFor(position.iuv), 1, 'acknowledged: not sent again')
  })

  test('a platform that cannot take the push is sent it again until it acknowledges', async ({
    assert,
  }) => {
    inbox.answers.push(503, 500)
    const payments = await adapter()
    const position = await paid(payments)
    const pushes = await inbox.waitFor(position.iuv, { count: 3 })
    assert.lengthOf(pushes, 3)
    const events = await Promise.all(pushes.map((push) => payments.parseNotification!(push)))
    assert.equal(new Set(events.map((event) => event.eventId)).size, 1, 'one event')
    assert.deepEqual(events[2].outcomes, events[0].outcomes)
    await new Promise((resolve) => setTimeout(resolve, 400))
    assert.lengthOf(inbox.pushesFor(position.iuv), 3, 'the 200 ends the retries')
  })

  test('a push lost on the way arrives with the next delivery; lost every time, polling still tells', async ({
    assert,
  }) => {
    const payments = await adapter()
    injectPushFault('notificaPersa')
    const once = await paid(payments)
    const [push] = await inbox.waitFor(once.iuv)
    assert.equal(await statusPushed(payments, push), 'COMPLETE')

    injectPushFault('notificaPersa', 4)
    const always = await paid(payments)
    assert.lengthOf(await inbox.waitFor(always.iuv, { withinMs: 600 }), 0, 'the gateway gave up')
    assert.equal(await statusOf(payments, always), 'COMPLETE')
  })

  test('a push delivered twice keeps its event id and changes nothing', async ({ assert }) => {
    const fault = await fetch(`${remote.url}/guasti`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tipo: 'notificaDoppia' }),
    })
    assert.equal(fault.status, 204)
    const payments = await adapter()
    const position = await paid(payments)
    const [first, second] = await inbox.waitFor(position.iuv, { count: 2 })
    assert.exists(second, 'the push arrived twice')
    const receipt = await payments.getReceipt(refOf(position))
    const positions = await countPositions()

    const once = await payments.parseNotification!(first)
    const twice = await payments.parseNotification!(second)
    assert.equal(twice.eventId, once.eventId, 'the core applies one event once')
    assert.deepEqual(twice.outcomes, once.outcomes)
    assert.equal(await statusOf(payments, position), 'COMPLETE')
    const receiptAgain = await payments.getReceipt(refOf(position))
    assert.equal(receiptAgain?.receiptId, receipt?.receiptId)
    assert.equal(await countPositions(), positions)
  })

  test('a push without the gateway’s signature is refused and the position stays payable', async ({
    assert,
  }) => {
    const payments = await adapter()
    const unpaid = refOf(await newTestPosition(payments))
    const paidOne = await paid(payments)
    const [delivered] = await inbox.waitFor(paidOne.iuv)
    const claim = paidClaim(unpaid)
    const refused = {
      'no signature': forgedPush(claim),
      'another key': forgedPush(claim, randomBytes(32).toString('hex')),
      'a paid push moved to another position': altered(delivered, (esito) => {
        esito.iuv = unpaid.iuv
      }),
      'a signature of another body': {
        ...forgedPush(claim),
        headers: { [FIRMA_HEADER]: delivered.headers[FIRMA_HEADER] },
      },
      'signed too long ago': altered(
        delivered,
        (esito) => {
          esito.inviatoIl = new Date(Date.now() - MAX_PUSH_AGE_MS - 60_000).toISOString()
        },
        config.chiaveNotifiche
      ),
    }
    for (const [what, request] of Object.entries(refused)) {
      const error = await rejection(
        payments.parseNotification!(request),
        PaymentCallbackError,
        what
      )
      assert.equal(error.reason, 'invalid_signature', what)
    }
    assert.equal(await statusOf(payments, unpaid), 'PAYMENT_PENDING')

    const withoutKey = await adapter({ chiaveNotifiche: undefined })
    await rejection(
      withoutKey.parseNotification!(delivered),
      PaymentCallbackError,
      'an ente that set no notification key'
    )
  })

  test('a cancellation and an expiry are pushed', async ({ assert }) => {
    const payments = await adapter()
    const cancelled = await newTestPosition(payments)
    await payments.cancelPosition!(refOf(cancelled))
    await payments.cancelPosition!(refOf(cancelled))
    const expired = await newTestPosition(payments)
    await expireAndPush(expired.iuv)

    const [cancelPush] = await inbox.waitFor(cancelled.iuv)
    const [expiryPush] = await inbox.waitFor(expired.iuv)
    assert.equal(await statusPushed(payments, cancelPush), 'CANCELED')
    assert.equal(await statusPushed(payments, expiryPush), 'EXPIRED')
    assert.lengthOf(inbox.pushesFor(cancelled.iuv), 1, 'cancelling again pushes nothing')
  })
})
