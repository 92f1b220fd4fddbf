import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import {
  caseBuilder,
  ConformanceSuite,
  rejection,
  uniqueKey,
  type HarnessLifecycle,
  type JapaTest,
  type SuiteOptions,
} from '#extension_points/conformance'
import type { ConfigFields } from '#plugin_runtime/config_fields'
import type { EnteInfo, PluginHttpRequest } from '#plugin_runtime/define_plugin'
import {
  MAX_CART_POSITIONS,
  type CheckoutSession,
  type DebtPosition,
  type DebtPositionInput,
  type PaymentAdapter,
  type PaymentCapabilities,
  type PositionRef,
} from './contract.js'
import {
  PaymentCallbackError,
  PaymentNotFoundError,
  PaymentRefusedError,
  RemoteUnavailableError,
} from './errors.js'

export { createTestAdapter, type CaseResult } from '#extension_points/conformance'

/**
 * Plays the remote side of a payment intermediary for the suite: the
 * citizen at the checkout, the remote's notifications, its clock, its
 * outages. For a real plugin, it drives the plugin's simulator.
 */
export interface PaymentHarness extends HarnessLifecycle {
  /** The citizen completes (`paid`) or abandons (`cancelled`) the checkout the redirect URL leads to. */
  payAtCheckout(session: CheckoutSession, outcome: 'paid' | 'cancelled'): Promise<void>
  /** The notification the remote sent about the last payment of this position (with `notifications`). */
  notificationFor(position: PositionRef): Promise<PluginHttpRequest>
  /** A notification claiming this position is paid that the remote never sent. */
  forgeNotification(position: PositionRef): Promise<PluginHttpRequest>
  /** How many positions the remote holds: proves that retries make no duplicate. */
  countPositions(): Promise<number>
  /** Moves the position past its expiry at the remote. */
  expire(position: PositionRef): Promise<void>
  takeDown(): Promise<void>
  bringUp(): Promise<void>
  /** The remote creates the next position but its answer is lost (a timeout). Optional. */
  loseNextAnswer?(): Promise<void>
}

export const PAYMENT_CASES = {
  create: 'creates a debt position with IUV, an 18-digit notice code and a payable status',
  idempotent:
    'creating again with the same idempotency key answers the same position, never a second one',
  lostAnswer: 'a creation whose answer was lost is found again on retry, not duplicated',
  remoteDown:
    'a remote that is down during creation raises RemoteUnavailableError (retryable); the retry creates one position',
  notice: 'gives the notice (avviso) of a position',
  start: 'starts a payment: a redirect to the checkout',
  polling: 'a payment made at the checkout shows as COMPLETE by polling',
  callback: 'a payment made at the checkout is reported by its notification',
  duplicate: 'the same notification twice has the same event id and changes nothing',
  forged: 'a forged notification does not mark a position paid',
  receipt: 'gives the receipt of a paid position, none before',
  abandoned: 'an abandoned checkout leaves the position payable',
  expiry: 'an expired position shows EXPIRED and cannot be paid',
  notFound: 'an unknown position raises PaymentNotFoundError',
  cartLimit: 'refuses more positions in one checkout than the plugin supports',
  cart: 'pays a cart of positions in one checkout',
  openPositions: 'lists the payer’s open positions',
  stamps: 'issues a digital stamp (marca da bollo) bound to a document',
  cancel: 'a cancelled position shows CANCELED and cannot be paid',
} as const

export type PaymentSuiteOptions<Fields extends ConfigFields> = SuiteOptions<
  'payment',
  PaymentAdapter,
  PaymentCapabilities,
  Fields,
  PaymentHarness
>

export const TEST_PAYER = {
  fiscalCode: 'RSSMRA80A41H501Y',
  name: 'Maria Rossi',
  kind: 'person',
  email: 'maria.rossi@example.test',
} as const

const DAY_MS = 86_400_000

function positionInput(overrides: Partial<DebtPositionInput> = {}): DebtPositionInput {
  return {
    idempotencyKey: uniqueKey('posizione'),
    payer: { ...TEST_PAYER },
    amountCents: 1550,
    description: 'Iscrizione al servizio mensa scolastica 2026/2027',
    dueDate: new Date(Date.now() + 30 * DAY_MS),
    expiresAt: new Date(Date.now() + 60 * DAY_MS),
    taxonomy: '9/0101108TS/',
    ...overrides,
  }
}

function refOf(position: DebtPosition): PositionRef {
  return { positionId: position.positionId, iuv: position.iuv, noticeCode: position.noticeCode }
}

function returnUrls(ente: EnteInfo) {
  return {
    success: `${ente.baseUrl}/area-personale/pagamenti/esito?stato=ok`,
    cancel: `${ente.baseUrl}/area-personale/pagamenti/esito?stato=annullato`,
  }
}

async function statusOf(adapter: PaymentAdapter, position: DebtPosition) {
  const status = await adapter.getStatus(refOf(position))
  return status.status
}

async function paidPosition(adapter: PaymentAdapter, harness: PaymentHarness, ente: EnteInfo) {
  const position = await adapter.createPosition(positionInput())
  const session = await adapter.startPayment({
    positions: [refOf(position)],
    returnUrls: returnUrls(ente),
  })
  await harness.payAtCheckout(session, 'paid')
  return position
}

async function assertRefused(promise: Promise<unknown>, reason: string, what: string) {
  const error = await rejection(promise, PaymentRefusedError, what)
  assert.equal(error.reason, reason, `${what}: reason`)
  assert.equal(error.retryable, false)
}

/** The payment conformance suite as a list of cases (run it with `.run()`). */
export function paymentConformanceCases<Fields extends ConfigFields>(
  options: PaymentSuiteOptions<Fields>
) {
  const cases = caseBuilder(options)

  return new ConformanceSuite(
    cases.name,
    [
      cases.define(PAYMENT_CASES.create, async ({ adapter }) => {
        const input = positionInput()
        const position = await adapter.createPosition(input)
        assert.ok(position.positionId, 'a position has the remote id')
        assert.match(position.iuv, /^[0-9A-Za-z]{1,35}$/, 'IUV')
        assert.match(position.noticeCode, /^\d{18}$/, 'notice code of 18 digits')
        assert.equal(position.status, 'PAYMENT_PENDING')
        assert.equal(position.amountCents, input.amountCents)
        assert.equal(position.payerFiscalCode, input.payer.fiscalCode)
        assert.equal(position.kind, 'pagopa')
      }),

      cases.define(PAYMENT_CASES.idempotent, async ({ adapter, harness }) => {
        const before = await harness.countPositions()
        const input = positionInput()
        const first = await adapter.createPosition(input)
        const again = await adapter.createPosition({ ...input })
        assert.deepEqual(refOf(again), refOf(first), 'same key, same position')
        assert.equal(
          await harness.countPositions(),
          before + 1,
          'the remote holds one position for the key'
        )

        const other = await adapter.createPosition(positionInput())
        assert.notEqual(other.iuv, first.iuv, 'another key, another position')
        assert.equal(await harness.countPositions(), before + 2)
      }),

      cases.define(
        PAYMENT_CASES.lostAnswer,
        async ({ adapter, harness }) => {
          const before = await harness.countPositions()
          const input = positionInput()
          await harness.loseNextAnswer!()
          const error = await rejection(
            adapter.createPosition(input),
            RemoteUnavailableError,
            'creation with a lost answer'
          )
          assert.equal(error.retryable, true)
          const retried = await adapter.createPosition(input)
          assert.equal(retried.status, 'PAYMENT_PENDING')
          assert.equal(
            await harness.countPositions(),
            before + 1,
            'the retry finds the position the remote made'
          )
        },
        { available: !!options.harness.loseNextAnswer, reason: 'the harness cannot lose an answer' }
      ),

      cases.define(PAYMENT_CASES.remoteDown, async ({ adapter, harness }) => {
        const before = await harness.countPositions()
        const input = positionInput()
        await harness.takeDown()
        const error = await rejection(
          adapter.createPosition(input),
          RemoteUnavailableError,
          'creation while down'
        )
        assert.equal(error.retryable, true)
        await harness.bringUp()
        const created = await adapter.createPosition(input)
        assert.equal(created.status, 'PAYMENT_PENDING')
        assert.equal(await harness.countPositions(), before + 1)
      }),

      cases.define(PAYMENT_CASES.notice, async ({ adapter, ente }) => {
        const input = positionInput()
        const position = await adapter.createPosition(input)
        const notice = await adapter.getNotice(refOf(position))
        assert.equal(notice.noticeCode, position.noticeCode)
        assert.equal(notice.iuv, position.iuv)
        assert.equal(notice.amountCents, input.amountCents)
        assert.equal(notice.payerFiscalCode, input.payer.fiscalCode)
        assert.equal(notice.creditor.fiscalCode, ente.codiceFiscale, 'the creditor is the ente')
        if (notice.pdf && 'url' in notice.pdf) {
          assert.match(new URL(notice.pdf.url).protocol, /^https?:$/)
        } else if (notice.pdf) {
          assert.equal(
            Buffer.from(notice.pdf.content).subarray(0, 5).toString('latin1'),
            '%PDF-',
            'a PDF document'
          )
        }
      }),

      cases.define(PAYMENT_CASES.start, async ({ adapter, ente }) => {
        const position = await adapter.createPosition(positionInput())
        const session = await adapter.startPayment({
          positions: [refOf(position)],
          returnUrls: returnUrls(ente),
          payerEmail: TEST_PAYER.email,
        })
        assert.match(
          new URL(session.redirectUrl).protocol,
          /^https?:$/,
          'an absolute http(s) redirect'
        )
        const status = await adapter.getStatus(refOf(position))
        assert.ok(
          ['PAYMENT_PENDING', 'PAYMENT_STARTED'].includes(status.status),
          `status ${status.status}`
        )
      }),

      cases.define(PAYMENT_CASES.polling, async ({ adapter, harness, ente }) => {
        const position = await paidPosition(adapter, harness, ente)
        const status = await adapter.getStatus(refOf(position))
        assert.equal(status.status, 'COMPLETE')
        assert.equal(status.positionId, position.positionId)
        assert.ok(status.paidAt instanceof Date, 'the payment date')
        if (status.amountPaidCents !== undefined)
          assert.equal(status.amountPaidCents, position.amountCents)
      }),

      cases.define(
        PAYMENT_CASES.callback,
        async ({ adapter, harness, ente }) => {
          assert.ok(adapter.parseNotification, 'notifications need parseNotification')
          const position = await paidPosition(adapter, harness, ente)
          const notification = await adapter.parseNotification(
            await harness.notificationFor(refOf(position))
          )
          assert.ok(notification.eventId, 'an event id')
          const outcome = notification.outcomes.find(
            (item) => item.positionId === position.positionId
          )
          assert.ok(outcome, 'the notification names the position')
          assert.equal(outcome.status, 'COMPLETE')
          assert.equal(outcome.iuv, position.iuv)
        },
        'notifications'
      ),

      cases.define(
        PAYMENT_CASES.duplicate,
        async ({ adapter, harness, ente }) => {
          assert.ok(adapter.parseNotification, 'notifications need parseNotification')
          const position = await paidPosition(adapter, harness, ente)
          const request = await harness.notificationFor(refOf(position))
          const first = await adapter.parseNotification(request)
          const receipt = await adapter.getReceipt(refOf(position))
          const positions = await harness.countPositions()

          const second = await adapter.parseNotification(request)
          assert.equal(
            second.eventId,
            first.eventId,
            'a duplicate keeps its event id, so the core applies it once'
          )
          assert.deepEqual(second.outcomes, first.outcomes)
          assert.equal(await statusOf(adapter, position), 'COMPLETE')
          const receiptAgain = await adapter.getReceipt(refOf(position))
          assert.equal(receiptAgain?.receiptId, receipt?.receiptId)
          assert.equal(await harness.countPositions(), positions)
        },
        'notifications'
      ),

      cases.define(
        PAYMENT_CASES.forged,
        async ({ adapter, harness }) => {
          assert.ok(adapter.parseNotification, 'notifications need parseNotification')
          const position = await adapter.createPosition(positionInput())
          const forged = await harness.forgeNotification(refOf(position))
          try {
            const notification = await adapter.parseNotification(forged)
            const outcome = notification.outcomes.find(
              (item) => item.positionId === position.positionId
            )
            assert.notEqual(outcome?.status, 'COMPLETE', 'a forged notification is not believed')
          } catch (error) {
            assert.ok(
              error instanceof PaymentCallbackError,
              `a forged notification raises PaymentCallbackError (got ${error})`
            )
          }
          assert.notEqual(await statusOf(adapter, position), 'COMPLETE')
        },
        'notifications'
      ),

      cases.define(PAYMENT_CASES.receipt, async ({ adapter, harness, ente }) => {
        const unpaid = await adapter.createPosition(positionInput())
        assert.equal(await adapter.getReceipt(refOf(unpaid)), null, 'no receipt before payment')

        const position = await paidPosition(adapter, harness, ente)
        const receipt = await adapter.getReceipt(refOf(position))
        assert.ok(receipt, 'a receipt after payment')
        assert.ok(receipt.receiptId)
        assert.equal(receipt.positionId, position.positionId)
        assert.equal(receipt.iuv, position.iuv)
        assert.equal(receipt.noticeCode, position.noticeCode)
        assert.equal(receipt.amountCents, position.amountCents)
        assert.equal(receipt.payerFiscalCode, TEST_PAYER.fiscalCode)
        assert.ok(receipt.paidAt instanceof Date)
      }),

      cases.define(PAYMENT_CASES.abandoned, async ({ adapter, harness, ente }) => {
        const position = await adapter.createPosition(positionInput())
        const session = await adapter.startPayment({
          positions: [refOf(position)],
          returnUrls: returnUrls(ente),
        })
        await harness.payAtCheckout(session, 'cancelled')
        const status = await adapter.getStatus(refOf(position))
        assert.ok(
          ['PAYMENT_PENDING', 'PAYMENT_STARTED', 'PAYMENT_FAILED'].includes(status.status),
          `status ${status.status}`
        )
        const again = await adapter.startPayment({
          positions: [refOf(position)],
          returnUrls: returnUrls(ente),
        })
        assert.ok(again.redirectUrl, 'the citizen can try again')
      }),

      cases.define(PAYMENT_CASES.expiry, async ({ adapter, harness, ente }) => {
        const position = await adapter.createPosition(positionInput())
        await harness.expire(refOf(position))
        assert.equal(await statusOf(adapter, position), 'EXPIRED')
        await assertRefused(
          adapter.startPayment({ positions: [refOf(position)], returnUrls: returnUrls(ente) }),
          'expired',
          'paying an expired position'
        )
      }),

      cases.define(PAYMENT_CASES.notFound, async ({ adapter }) => {
        const unknown = {
          positionId: uniqueKey('sconosciuta'),
          iuv: '01999999999999999',
          noticeCode: '301999999999999999',
        }
        await rejection(
          adapter.getStatus(unknown),
          PaymentNotFoundError,
          'status of an unknown position'
        )
      }),

      cases.define(PAYMENT_CASES.cartLimit, async ({ adapter, capabilities, ente }) => {
        const count = capabilities.cart ? MAX_CART_POSITIONS + 1 : 2
        const positions: PositionRef[] = []
        for (let index = 0; index < count; index++)
          positions.push(refOf(await adapter.createPosition(positionInput())))
        await assertRefused(
          adapter.startPayment({ positions, returnUrls: returnUrls(ente) }),
          capabilities.cart ? 'cart_too_large' : 'cart_not_supported',
          `a checkout of ${count} positions`
        )
      }),

      cases.define(
        PAYMENT_CASES.cart,
        async ({ adapter, harness, ente }) => {
          const first = await adapter.createPosition(positionInput())
          const second = await adapter.createPosition(
            positionInput({ amountCents: 3000, description: 'Retta asilo nido' })
          )
          const session = await adapter.startPayment({
            positions: [refOf(first), refOf(second)],
            returnUrls: returnUrls(ente),
          })
          await harness.payAtCheckout(session, 'paid')
          assert.equal(await statusOf(adapter, first), 'COMPLETE')
          assert.equal(await statusOf(adapter, second), 'COMPLETE')
        },
        'cart'
      ),

      cases.define(
        PAYMENT_CASES.openPositions,
        async ({ adapter, harness, ente }) => {
          assert.ok(adapter.listOpenPositions, 'openPositions needs listOpenPositions')
          const open = await adapter.createPosition(positionInput())
          const paid = await paidPosition(adapter, harness, ente)
          const openPositions = await adapter.listOpenPositions(TEST_PAYER.fiscalCode)
          const listed = openPositions.map((item) => item.iuv)
          assert.ok(listed.includes(open.iuv), 'an unpaid position is open')
          assert.ok(!listed.includes(paid.iuv), 'a paid position is not open')
        },
        'openPositions'
      ),

      cases.define(
        PAYMENT_CASES.stamps,
        async ({ adapter, harness, ente }) => {
          const documentHash = createHash('sha256')
            .update(`istanza ${uniqueKey('doc')}`)
            .digest('base64')
          const position = await adapter.createPosition(
            positionInput({
              amountCents: 1600,
              description: 'Imposta di bollo sull’istanza',
              stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
            })
          )
          assert.equal(position.kind, 'stamp')
          const session = await adapter.startPayment({
            positions: [refOf(position)],
            returnUrls: returnUrls(ente),
          })
          await harness.payAtCheckout(session, 'paid')
          const receipt = await adapter.getReceipt(refOf(position))
          assert.ok(receipt?.stamp, 'the receipt carries the stamp')
          assert.ok(receipt.stamp.iubd, 'the stamp has its IUBD')
          assert.equal(
            receipt.stamp.documentHash,
            documentHash,
            'the stamp is bound to the document'
          )
        },
        'stamps'
      ),

      cases.define(
        PAYMENT_CASES.cancel,
        async ({ adapter, ente }) => {
          assert.ok(adapter.cancelPosition, 'cancel needs cancelPosition')
          const position = await adapter.createPosition(positionInput())
          await adapter.cancelPosition(refOf(position))
          await adapter.cancelPosition(refOf(position))
          assert.equal(await statusOf(adapter, position), 'CANCELED')
          await assertRefused(
            adapter.startPayment({ positions: [refOf(position)], returnUrls: returnUrls(ente) }),
            'cancelled',
            'paying a cancelled position'
          )
        },
        'cancel'
      ),
    ],
    options.harness
  )
}

/**
 * Registers the payment conformance suite as a Japa group, in one call.
 *
 * @example
 *   paymentConformance({ test, plugin, config: { ... }, harness: myPaySimulatorHarness })
 */
export function paymentConformance<Fields extends ConfigFields>(
  options: PaymentSuiteOptions<Fields> & { test: JapaTest; timeout?: number }
) {
  paymentConformanceCases(options).register(options.test, { timeout: options.timeout })
}
