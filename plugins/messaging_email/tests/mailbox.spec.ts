import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createTestAdapter } from '#extension_points/messaging/testing'
import plugin from '../plugin.js'

/**
 * Without an SMTP host the deployment's mailer delivers; in tests, as in the
 * embedded default, that is the development mailbox (MAIL_TRANSPORT=mailbox).
 */
test.group('messaging_email through the platform mailer', () => {
  test('without an SMTP host a message lands in the development mailbox', async ({ assert }) => {
    const { adapter } = await createTestAdapter({
      plugin,
      config: {
        senderAddress: 'noreply@comune-di-prova.it',
        senderName: 'Comune di Prova',
        maxMessagesPerMinute: 10,
      },
    })
    const result = await adapter.send({
      idempotencyKey: 'mailbox-1',
      recipient: { email: 'mailbox@example.test', name: 'Maria Bianchi' },
      subject: 'Promemoria appuntamento',
      body: { text: 'Il suo appuntamento è domani alle 10:00.' },
      attachments: [
        {
          filename: 'appuntamento.ics',
          contentType: 'text/calendar',
          content: Buffer.from('BEGIN:VCALENDAR'),
        },
      ],
    })

    const rows = await db.from('dev_mailbox_messages').where('message_id', result.messageId)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].subject, 'Promemoria appuntamento')
    assert.include(rows[0].to_addresses, 'mailbox@example.test')
    assert.include(rows[0].from_address, 'noreply@comune-di-prova.it')
    assert.include(rows[0].text, 'domani alle 10:00')
    assert.include(rows[0].attachments, 'appuntamento.ics')
  })
})
