import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'

test.group('Browser: staff login and backoffice shell', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('the operator login page passes axe, also when it shows an error', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/operatori/login`, { waitUntil: 'networkidle' })
    await screenshot(page, 'staff-login')
    assert.equal(await page.locator('h1').innerText(), 'Accesso riservato al personale autorizzato')
    assert.isTrue(await page.getByText('Gestisci i servizi digitali').isVisible())
    assert.isTrue(
      await page.getByRole('link', { name: 'Hai dimenticato la password?' }).isVisible()
    )
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByLabel('Username').fill(operator.username)
    await page.locator('input[name=password]').fill('sbagliata')
    await page.getByRole('button', { name: 'Login' }).click()
    await page.getByRole('alert').waitFor()
    await screenshot(page, 'staff-login-error')

    assert.equal(await page.getByRole('alert').innerText(), 'Username o password non corretti.')
    assert.equal(await page.getByLabel('Username').inputValue(), operator.username)
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('an operator lands on "Elenco pratiche" with the backoffice navigation, and logs out', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({
      enteId: ente.id,
      firstName: 'Mario',
      lastName: 'Rossi',
    }).create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/operatori/login`)
    await page.getByLabel('Username').fill(operator.username)
    await page.locator('input[name=password]').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Login' }).click()
    await page.waitForURL(`**/${ente.slug}/backoffice`)
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'backoffice-home')

    const nav = page.getByRole('navigation', { name: 'Navigazione del backoffice' })
    const items = await nav.getByRole('link').allInnerTexts()
    assert.deepEqual(items, ['Elenco pratiche', 'Servizi', 'Statistiche', 'Calendari'])
    assert.equal(await nav.locator('[aria-current=page]').innerText(), 'Elenco pratiche')
    assert.isTrue(await page.getByText('Non ci sono pratiche da lavorare').isVisible())
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name: 'Mario Rossi' }).click()
    await page.getByRole('button', { name: 'Esci' }).click()
    await page.waitForURL(`**/${ente.slug}/operatori/login`)
  })

  test('an ente admin also sees Operatori and Impostazioni', async ({ assert, cleanup }) => {
    const ente = await EnteFactory.create()
    const admin = await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create()
    const { page, context } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/operatori/login`)
    await page.getByLabel('Username').fill(admin.username)
    await page.locator('input[name=password]').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Login' }).click()
    await page.waitForURL(`**/${ente.slug}/backoffice`)

    const items = await page
      .getByRole('navigation', { name: 'Navigazione del backoffice' })
      .getByRole('link')
      .allInnerTexts()
    assert.deepEqual(items, [
      'Elenco pratiche',
      'Servizi',
      'Operatori',
      'Statistiche',
      'Calendari',
      'Impostazioni',
    ])
  })

  test('the platform administration shell passes axe', async ({ assert, cleanup }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto('/admin/login', { waitUntil: 'networkidle' })
    assert.equal(await page.locator('h1').innerText(), 'Amministrazione della piattaforma')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByLabel('Username').fill(admin.username)
    await page.locator('input[name=password]').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Login' }).click()
    await page.waitForURL('**/admin/enti')
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'admin-enti')

    const items = await page
      .getByRole('navigation', { name: "Navigazione dell'amministrazione" })
      .getByRole('link')
      .allInnerTexts()
    assert.deepEqual(items, ['Enti', 'Job falliti'])
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })
})
