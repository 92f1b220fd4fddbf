import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import DevMail from '#models/dev_mail'
import EntePlugin from '#models/ente_plugin'
import { UserFactory } from '#factories/user_factory'
import { subscriptions } from '#queue/subscriptions'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import type { QueueConfig } from '#queue/config'
import { enteWithContract } from './helpers.js'

/** What the queue runtime does in the web process, once. */
async function workTheQueue() {
  const config = app.config.get<QueueConfig>('queue')
  const driver = new DatabaseQueueDriver(config.database)
  await new OutboxDispatcher({ ...config.outbox, queue: driver, subscriptions }).dispatchPending()
  await driver.runDue()
}

test.group('Messaging channel: test message', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the ente admin sends a test e-mail through the outbox, the queue and the plugin', async ({
    client,
    assert,
  }) => {
    const { ente, admin } = await enteWithContract(['messaging_email'])
    await EntePlugin.query()
      .where({ ente_id: ente.id, plugin_id: 'messaging_email' })
      .update({
        enabled: true,
        config: JSON.stringify({
          senderAddress: 'noreply@prova.example.it',
          senderName: 'Prova',
          maxMessagesPerMinute: 60,
        }),
      })

    const response = await client
      .post(`/${ente.slug}/backoffice/impostazioni/plugin/messaging_email/messaggio-di-prova`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', `Messaggio di prova in coda per ${admin.email}.`)
    assert.lengthOf(await DevMail.query().where('to_addresses', 'like', `%${admin.email}%`), 0)

    await workTheQueue()

    const mails = await DevMail.query().where('to_addresses', 'like', `%${admin.email}%`)
    assert.lengthOf(mails, 1)
    assert.include(mails[0].subject, 'Messaggio di prova')
    assert.include(mails[0].fromAddress, 'noreply@prova.example.it')
  })

  test('a disabled channel sends nothing and says why; an operator cannot ask', async ({
    client,
  }) => {
    const { ente, admin } = await enteWithContract(['messaging_email'])
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const url = `/${ente.slug}/backoffice/impostazioni/plugin/messaging_email/messaggio-di-prova`

    const disabled = await client.post(url).loginAs(admin).withCsrfToken().redirects(0)
    disabled.assertFlashMessage(
      'error',
      'Abilita il canale prima di inviare un messaggio di prova.'
    )

    const byOperator = await client.post(url).loginAs(operator).withCsrfToken()
    byOperator.assertStatus(404)
  })
})
