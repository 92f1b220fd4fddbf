import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import { subscriptions } from '#queue/subscriptions'
import { DatabaseQueueDriver } from '#queue/database_driver'
import { OutboxDispatcher } from '#queue/outbox_dispatcher'
import type { QueueConfig } from '#queue/config'
import type { Page } from 'playwright-core'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'

async function logIn(page: Page, loginUrl: string, username: string) {
  await page.goto(loginUrl)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}

/** What the queue runtime of the web process does, once. */
async function workTheQueue() {
  const config = app.config.get<QueueConfig>('queue')
  const driver = new DatabaseQueueDriver(config.database)
  await new OutboxDispatcher({ ...config.outbox, queue: driver, subscriptions }).dispatchPending()
  await driver.runDue()
}

test.group('Browser: a plugin from the contract to a delivered message', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('platform admin adds the e-mail channel to the contract, the ente admin configures it and sends a test', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const platformAdmin = await UserFactory.apply('platformAdmin').create()
    const enteAdmin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()

    const admin = await openPage()
    cleanup(() => admin.context.close())
    await logIn(admin.page, '/admin/login', platformAdmin.username)
    await admin.page.goto(`/admin/enti/${ente.id}/plugin`, { waitUntil: 'networkidle' })
    assert.deepEqual(await accessibilityViolations(admin.page), [])
    await admin.page.locator('label[for=contract-messaging_email]').click()
    await admin.page.getByRole('button', { name: 'Salva' }).click()
    await admin.page.waitForLoadState('networkidle')
    await screenshot(admin.page, 'plugins-contract')
    assert.isTrue(await admin.page.getByLabel('Incluso nel contratto: E-mail').isChecked())

    const staff = await openPage()
    cleanup(() => staff.context.close())
    await logIn(staff.page, `/${ente.slug}/operatori/login`, enteAdmin.username)
    await staff.page.goto(`/${ente.slug}/backoffice/impostazioni/plugin/messaging_email`, {
      waitUntil: 'networkidle',
    })
    assert.deepEqual(await accessibilityViolations(staff.page), [])

    // a wrong value: the error sits next to its field, the other values stay
    await staff.page.locator('label[for=plugin-enabled]').click()
    await staff.page.getByLabel('Indirizzo del mittente').fill('non-un-indirizzo')
    await staff.page.getByLabel('Nome del mittente').fill('Ufficio Relazioni con il Pubblico')
    await staff.page.getByRole('button', { name: 'Salva' }).click()
    await staff.page.waitForLoadState('networkidle')
    await screenshot(staff.page, 'plugins-settings-error')
    assert.include(
      await staff.page.locator('#plugin-config-senderAddress-error').innerText(),
      'Indirizzo del mittente'
    )
    assert.equal(
      await staff.page.getByLabel('Nome del mittente').inputValue(),
      'Ufficio Relazioni con il Pubblico'
    )
    assert.deepEqual(await accessibilityViolations(staff.page), [])

    await staff.page.getByLabel('Indirizzo del mittente').fill('urp@comune.example.it')
    await staff.page.getByRole('button', { name: 'Salva' }).click()
    await staff.page.waitForLoadState('networkidle')
    assert.isTrue(await staff.page.getByText('Configurazione salvata.').isVisible())

    await staff.page.getByRole('button', { name: 'Invia un messaggio di prova' }).click()
    await staff.page.waitForLoadState('networkidle')
    assert.isTrue(
      await staff.page.getByText(`Messaggio di prova in coda per ${enteAdmin.email}.`).isVisible()
    )
    await workTheQueue()

    await staff.page.goto(`/dev/mailbox?to=${encodeURIComponent(enteAdmin.email)}`, {
      waitUntil: 'networkidle',
    })
    await screenshot(staff.page, 'dev-mailbox')
    assert.deepEqual(await accessibilityViolations(staff.page), [])
    await staff.page.getByRole('link', { name: /Messaggio di prova/ }).click()
    await staff.page.waitForLoadState('networkidle')
    assert.isTrue(await staff.page.getByText('urp@comune.example.it').isVisible())
    assert.deepEqual(await accessibilityViolations(staff.page), [])
    // the refused form answers 422 on purpose; nothing else may fail
    const unexpected = [...admin.errors, ...staff.errors].filter(
      (error) => !error.includes('status of 422')
    )
    assert.deepEqual(unexpected, [])
  })
})
