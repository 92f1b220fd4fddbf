import { test } from '@japa/runner'
import { messagingConformance } from '#extension_points/messaging/testing'
import plugin from '../plugin.js'
import { readMail } from './helpers/mime.js'
import { freePort, SmtpSink } from './helpers/smtp_sink.js'

/**
 * The messaging conformance suite against a real SMTP server on loopback:
 * refusal is a real 550 at RCPT TO, "down" is a closed port (connection
 * refused), throttling is the adapter's own per-ente limit.
 */
const sink = new SmtpSink(await freePort())
let counter = 0

messagingConformance({
  test,
  plugin,
  config: {
    senderAddress: 'noreply@comune-di-prova.it',
    senderName: 'Comune di Prova',
    replyTo: 'urp@comune-di-prova.it',
    maxMessagesPerMinute: 100,
    smtpHost: '127.0.0.1',
    smtpPort: sink.port,
    smtpSecure: false,
    smtpUser: sink.credentials.user,
    smtpPassword: sink.credentials.password,
  },
  harness: {
    setup: () => sink.start(),
    teardown: () => sink.stop(),
    async reset() {
      if (!sink.running) await sink.start()
    },
    recipient: () => ({ email: `cittadino-${++counter}@example.test`, name: 'Maria Bianchi' }),
    refusedRecipient() {
      const email = `rifiuta-${++counter}@example.test`
      sink.refuse(email)
      return { email }
    },
    async delivered(recipient) {
      return sink.to(recipient.email!).map((mail) => readMail(mail.raw))
    },
    async throttle() {
      return { limit: 2, config: { maxMessagesPerMinute: 2 } }
    },
    takeDown: () => sink.stop(),
    bringUp: () => sink.start(),
  },
})
