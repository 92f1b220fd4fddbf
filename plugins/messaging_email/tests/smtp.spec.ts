import { test } from '@japa/runner'
import { createTestAdapter } from '#extension_points/messaging/testing'
import {
  MessageRefusedError,
  RemoteConfigurationError,
  RemoteUnavailableError,
} from '#extension_points/messaging/errors'
import type { OutgoingMessage } from '#extension_points/messaging/contract'
import plugin from '../plugin.js'
import { readMail } from './helpers/mime.js'
import { freePort, SmtpSink } from './helpers/smtp_sink.js'

/** E-mail specifics beyond the conformance suite, against the same kind of SMTP sink. */
const sink = new SmtpSink(await freePort())

const config = {
  senderAddress: 'noreply@comune-di-prova.it',
  senderName: 'Comune di Prova',
  replyTo: 'urp@comune-di-prova.it',
  maxMessagesPerMinute: 100,
  smtpHost: '127.0.0.1',
  smtpPort: sink.port,
  smtpUser: sink.credentials.user,
  smtpPassword: sink.credentials.password,
}

function message(email: string, idempotencyKey = `chiave-${email}`): OutgoingMessage {
  return {
    idempotencyKey,
    recipient: { email, name: 'Maria Bianchi' },
    subject: 'La sua pratica è stata protocollata',
    body: {
      text: 'Testo semplice della notifica',
      html: '<p>Testo <strong>HTML</strong> della notifica</p>',
    },
  }
}

test.group('messaging_email over SMTP', (group) => {
  group.setup(() => sink.start())
  group.teardown(() => sink.stop())

  test('composes sender, reply-to, text and HTML with a Message-ID stable across restarts', async ({
    assert,
  }) => {
    const { adapter } = await createTestAdapter({ plugin, config })
    const result = await adapter.send(message('composizione@example.test'))

    const [mail] = sink.to('composizione@example.test').map((received) => readMail(received.raw))
    assert.equal(mail.headers.get('from'), 'Comune di Prova <noreply@comune-di-prova.it>')
    assert.include(mail.headers.get('reply-to'), 'urp@comune-di-prova.it')
    assert.equal(mail.headers.get('message-id'), result.messageId)
    assert.equal(mail.subject, 'La sua pratica è stata protocollata')
    assert.include(mail.text, 'Testo semplice della notifica')
    assert.include(mail.html, '<strong>HTML</strong>')

    // a new adapter (a restart, another worker) retrying the same effect reuses the Message-ID
    const { adapter: restarted } = await createTestAdapter({ plugin, config })
    const retried = await restarted.send(message('composizione@example.test'))
    assert.equal(retried.messageId, result.messageId)
    // ...while another ente's message with the same key gets its own
    const { adapter: otherEnte } = await createTestAdapter({ plugin, config, ente: { id: 2 } })
    const otherMessage = await otherEnte.send(message('composizione@example.test'))
    assert.notEqual(otherMessage.messageId, result.messageId)
  })

  test('a 550 at RCPT TO is a refusal carrying the SMTP answer', async ({ assert }) => {
    sink.refuse('bloccato@example.test')
    const { adapter } = await createTestAdapter({ plugin, config })
    const error = await adapter.send(message('bloccato@example.test')).catch((caught) => caught)

    assert.instanceOf(error, MessageRefusedError)
    assert.equal(error.reason, 'recipient_refused')
    assert.include(error.detail, '550')
  })

  test('a 550 5.1.1 (no such mailbox) is a refusal for an unknown recipient', async ({
    assert,
  }) => {
    sink.refuse('inesistente@example.test', { code: 550, text: '5.1.1 No such mailbox' })
    const { adapter } = await createTestAdapter({ plugin, config })
    const error = await adapter.send(message('inesistente@example.test')).catch((caught) => caught)

    assert.instanceOf(error, MessageRefusedError)
    assert.equal(error.reason, 'recipient_unknown')
  })

  test('a 4xx answer (greylisting) is temporary: retryable, and the retry is not answered from memory', async ({
    assert,
  }) => {
    sink.refuse('greylist@example.test', { code: 451, text: '4.7.1 Greylisted, try again later' })
    const { adapter } = await createTestAdapter({ plugin, config })
    const error = await adapter.send(message('greylist@example.test')).catch((caught) => caught)
    assert.instanceOf(error, RemoteUnavailableError)
    assert.isTrue(error.retryable)

    sink.accept('greylist@example.test')
    await adapter.send(message('greylist@example.test'))
    assert.lengthOf(sink.to('greylist@example.test'), 1)
  })

  test('a wrong SMTP password is a configuration error, not retried', async ({ assert }) => {
    const { adapter } = await createTestAdapter({
      plugin,
      config: { ...config, smtpPassword: 'sbagliata' },
    })
    const error = await adapter.send(message('password@example.test')).catch((caught) => caught)

    assert.instanceOf(error, RemoteConfigurationError)
    assert.equal(error.reason, 'authentication_failed')
    assert.isFalse(error.retryable)
    assert.lengthOf(sink.to('password@example.test'), 0)
  })

  test('the health check logs in to the ente SMTP server and explains a failure in Italian', async ({
    assert,
  }) => {
    const healthy = await createTestAdapter({ plugin, config })
    const health = await plugin.healthCheck!(healthy.context, healthy.adapter)
    assert.isTrue(health.ok)

    const wrong = await createTestAdapter({
      plugin,
      config: { ...config, smtpPassword: 'sbagliata' },
    })
    assert.deepEqual(await plugin.healthCheck!(wrong.context, wrong.adapter), {
      ok: false,
      message: 'La configurazione del collegamento con il sistema esterno non è valida.',
    })
  })

  test('the configuration schema refuses an invalid sender address', async ({ assert }) => {
    await assert.rejects(() =>
      createTestAdapter({ plugin, config: { ...config, senderAddress: 'non-un-indirizzo' } })
    )
  })
})
