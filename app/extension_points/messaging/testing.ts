import assert from 'node:assert/strict'
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
import type {
  DeliveryState,
  MessagingAdapter,
  MessagingCapabilities,
  MessageRecipient,
  OutgoingMessage,
} from './contract.js'
import {
  MessageNotFoundError,
  MessageRefusedError,
  RemoteUnavailableError,
  ThrottledError,
} from './errors.js'

export { createTestAdapter, type CaseResult } from '#extension_points/conformance'

/** A message as the remote channel received it. */
export interface DeliveredMessage {
  subject: string
  /** the plain-text (or markdown) body as received */
  text: string
  attachments: Array<{ filename: string; size: number }>
}

/**
 * Drives the remote side of a messaging channel for the suite: a real SMTP
 * sink for e-mail, the App IO simulator for App IO.
 */
export interface MessagingHarness extends HarnessLifecycle {
  /** a recipient the channel delivers to; a new one per call, so cases do not see each other's mail */
  recipient(): MessageRecipient | Promise<MessageRecipient>
  /** a recipient whose channel refuses messages (SMTP 550, an App IO profile that blocks the service) */
  refusedRecipient(): MessageRecipient | Promise<MessageRecipient>
  /** what the channel delivered to this recipient, oldest first */
  delivered(recipient: MessageRecipient): Promise<DeliveredMessage[]>
  /**
   * Makes the channel throttle after `limit` messages. `config` (if any) is
   * applied to a new adapter: e-mail enforces its own per-ente limit, App IO's
   * simulator answers 429.
   */
  throttle(): Promise<{ limit: number; config?: Record<string, unknown> }>
  takeDown(): Promise<void>
  bringUp(): Promise<void>
}

/** Case titles, so a plugin's tests can name the cases they expect to fail or pass. */
export const MESSAGING_CASES = {
  send: 'delivers a message with subject, body and attachments',
  idempotent: 'sending again with the same idempotency key delivers once',
  noAddress: 'a recipient without an address for the channel is refused (no_address)',
  refusal:
    'a recipient the channel refuses raises MessageRefusedError, not retryable, and nothing is delivered',
  throttling:
    'over the rate limit raises ThrottledError with retryAfterMs and delivers nothing more',
  remoteDown:
    'a channel that is down raises RemoteUnavailableError (retryable); the retry delivers once',
  deliveryStatus: 'reports the delivery status of a sent message and refuses unknown ids',
} as const

export type MessagingSuiteOptions<Fields extends ConfigFields> = SuiteOptions<
  'messaging',
  MessagingAdapter,
  MessagingCapabilities,
  Fields,
  MessagingHarness
>

const DELIVERY_STATES: DeliveryState[] = ['accepted', 'delivered', 'failed', 'refused']

/** The messaging conformance suite as a list of cases (run it with `.run()`). */
export function messagingConformanceCases<Fields extends ConfigFields>(
  options: MessagingSuiteOptions<Fields>
) {
  const cases = caseBuilder(options)

  return new ConformanceSuite(
    cases.name,
    [
      cases.define(MESSAGING_CASES.send, async ({ adapter, harness, capabilities }) => {
        const recipient = await harness.recipient()
        const { message, reference, files } = sampleMessage(recipient, capabilities.attachments)
        const result = await adapter.send(message)
        assert.ok(result.messageId, 'send answers the channel message id')
        assert.ok(
          ['accepted', 'delivered'].includes(result.state),
          `state after send: ${result.state}`
        )

        const delivered = await harness.delivered(recipient)
        assert.equal(delivered.length, 1, 'exactly one message reaches the recipient')
        assert.equal(delivered[0].subject, message.subject)
        assert.ok(delivered[0].text.includes(reference), 'the body reaches the recipient')
        if (capabilities.attachments) {
          assert.deepEqual(
            delivered[0].attachments.map(({ filename, size }) => ({ filename, size })),
            files,
            'every attachment arrives whole'
          )
        }
      }),

      cases.define(MESSAGING_CASES.idempotent, async ({ adapter, harness, capabilities }) => {
        const recipient = await harness.recipient()
        const { message } = sampleMessage(recipient, capabilities.attachments)
        const first = await adapter.send(message)
        const second = await adapter.send(message)
        assert.equal(second.messageId, first.messageId, 'the same key answers the same message id')
        assert.equal(
          await countDelivered(harness, recipient),
          1,
          'the recipient gets the message once'
        )
      }),

      cases.define(MESSAGING_CASES.noAddress, async ({ adapter }) => {
        const { message } = sampleMessage({ name: 'Senza Recapito' }, false)
        const error = await rejection(
          adapter.send(message),
          MessageRefusedError,
          'recipient without address'
        )
        assert.equal(error.reason, 'no_address')
        assert.equal(error.retryable, false)
      }),

      cases.define(MESSAGING_CASES.refusal, async ({ adapter, harness, capabilities }) => {
        const recipient = await harness.refusedRecipient()
        const { message } = sampleMessage(recipient, capabilities.attachments)
        const error = await rejection(
          adapter.send(message),
          MessageRefusedError,
          'refused recipient'
        )
        assert.equal(error.retryable, false, 'a refusal is never retried')
        assert.ok(error.reason, 'a refusal carries a machine reason')
        assert.ok(error.message, 'a refusal carries a message for operators')
        assert.equal(await countDelivered(harness, recipient), 0, 'nothing is delivered')
      }),

      cases.define(MESSAGING_CASES.throttling, async ({ harness, capabilities, createAdapter }) => {
        const { limit, config } = await harness.throttle()
        const adapter = await createAdapter(config)
        const recipient = await harness.recipient()
        for (let index = 0; index < limit; index++) {
          await adapter.send(sampleMessage(recipient, capabilities.attachments).message)
        }
        const over = adapter.send(sampleMessage(recipient, capabilities.attachments).message)
        const error = await rejection(
          over,
          ThrottledError,
          `message ${limit + 1} of ${limit} allowed`
        )
        assert.equal(error.retryable, true)
        assert.ok(
          Number.isFinite(error.retryAfterMs) && error.retryAfterMs > 0,
          `retryAfterMs is a positive delay (got ${error.retryAfterMs})`
        )
        assert.equal(
          await countDelivered(harness, recipient),
          limit,
          'the throttled message is not delivered'
        )
      }),

      cases.define(MESSAGING_CASES.remoteDown, async ({ adapter, harness, capabilities }) => {
        const recipient = await harness.recipient()
        const { message } = sampleMessage(recipient, capabilities.attachments)
        await harness.takeDown()
        const error = await rejection(
          adapter.send(message),
          RemoteUnavailableError,
          'send while the channel is down'
        )
        assert.equal(error.retryable, true)
        await harness.bringUp()
        await adapter.send(message)
        assert.equal(await countDelivered(harness, recipient), 1, 'the retry delivers once')
      }),

      cases.define(
        MESSAGING_CASES.deliveryStatus,
        async ({ adapter, harness, capabilities }) => {
          assert.ok(adapter.getDeliveryStatus, 'deliveryTracking needs getDeliveryStatus')
          const { message } = sampleMessage(await harness.recipient(), capabilities.attachments)
          const sent = await adapter.send(message)
          const status = await adapter.getDeliveryStatus(sent.messageId)
          assert.ok(DELIVERY_STATES.includes(status.state), `known state (got ${status.state})`)
          assert.notEqual(status.state, 'refused', 'a delivered message is not reported refused')
          assert.ok(status.updatedAt instanceof Date && !Number.isNaN(status.updatedAt.getTime()))
          await rejection(
            adapter.getDeliveryStatus(uniqueKey('unknown')),
            MessageNotFoundError,
            'unknown message id'
          )
        },
        'deliveryTracking'
      ),
    ],
    options.harness
  )
}

/**
 * Registers the messaging conformance suite as a Japa group, in one call
 * from a plugin's test file.
 *
 * @example
 *   import { test } from '@japa/runner'
 *   import { messagingConformance } from '#extension_points/messaging/testing'
 *   import plugin from '../plugin.js'
 *
 *   messagingConformance({ test, plugin, config: { ... }, harness: mySinkHarness })
 */
export function messagingConformance<Fields extends ConfigFields>(
  options: MessagingSuiteOptions<Fields> & { test: JapaTest; timeout?: number }
) {
  messagingConformanceCases(options).register(options.test, { timeout: options.timeout })
}

async function countDelivered(harness: MessagingHarness, recipient: MessageRecipient) {
  const delivered = await harness.delivered(recipient)
  return delivered.length
}

/**
 * A realistic notification: an Italian subject with accents (10..120
 * characters, App IO's bounds), a markdown body over 80 characters, and a
 * unique reference so the case finds its own message.
 */
function sampleMessage(recipient: MessageRecipient, withAttachments: boolean) {
  const reference = uniqueKey('rif')
  const text =
    `Gentile Maria Bianchi,\n\nla sua richiesta di iscrizione al servizio mensa scolastica è stata accettata ` +
    `dal Comune di Prova.\n\nRiferimento: ${reference}`
  const attachments = withAttachments
    ? [
        {
          filename: 'esito.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4\n% esito\n%%EOF\n'),
        },
        {
          filename: 'ricevuta.txt',
          contentType: 'text/plain',
          content: Buffer.from(`Ricevuta ${reference}\n`),
        },
      ]
    : undefined
  const message: OutgoingMessage = {
    idempotencyKey: uniqueKey('conformance'),
    recipient,
    subject: 'Pratica 2026/0042: la sua richiesta è stata accettata',
    body: {
      text,
      markdown: text.replace('è stata accettata', '**è stata accettata**'),
      html: `<p>${text.replaceAll('\n\n', '</p><p>')}</p>`,
    },
    attachments,
  }
  const files = (attachments ?? []).map(({ filename, content }) => ({
    filename,
    size: content.length,
  }))
  return { message, reference, files }
}
