import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import { ServiceFactory } from '#factories/service_factory'
import { OfficeFactory } from '#factories/office_factory'
import User from '#models/user'
import { clearRateLimits, workTheQueue } from '#tests/functional/auth/helpers'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'

const NEW_PASSWORD = 'Cielo-Sereno-2026'

async function logIn(page: Page, loginUrl: string, username: string, password = TEST_PASSWORD) {
  await page.goto(loginUrl)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(password)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}

/** Opens the newest e-mail to the address in /dev/mailbox and returns the path of its link. */
async function passwordLinkFromMailbox(page: Page, email: string, subject: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`, { waitUntil: 'networkidle' })
  await page.getByRole('link', { name: subject }).first().click()
  await page.waitForLoadState('networkidle')
  const text = await page.locator('pre').innerText()
  const link = text.match(/https?:\/\/\S+\/password\/[A-Za-z0-9_-]{43}/)
  if (!link) throw new Error(`no link in the e-mail "${subject}"`)
  // the e-mail names the platform's public address (APP_URL); the test server has its own port
  return new URL(link[0]).pathname
}

async function assertAccessible(page: Page, assert: any) {
  assert.deepEqual(await accessibilityViolations(page), [])
}

test.group('Browser: Operatori and password e-mails', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('a manager creates an operator, who sets the password from the mailbox and logs in', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const manager = await UserFactory.apply('manager')
      .merge({ enteId: ente.id, firstName: 'Lorenzo', lastName: 'Bertoli' })
      .create()
    await UserFactory.merge({ enteId: ente.id, firstName: 'Lorenzo', lastName: 'Fabbri' }).create()
    const service = await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Richiesta copia integrale atto di nascita',
    }).create()
    await ServiceFactory.merge({ enteId: ente.id, name: 'Richiesta estratto di nascita' }).create()
    const office = await OfficeFactory.merge({ enteId: ente.id, name: 'Ufficio Tecnico' }).create()
    await OfficeFactory.merge({ enteId: ente.id, name: 'Ufficio Tributi' }).create()

    const staff = await openPage()
    cleanup(() => staff.context.close())
    const page = staff.page
    await logIn(page, `/${ente.slug}/operatori/login`, manager.username)
    await page
      .getByRole('navigation', { name: 'Navigazione del backoffice' })
      .getByRole('link', { name: 'Operatori' })
      .click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'operators-list')
    assert.equal(await page.locator('h1').innerText(), 'Operatori')
    assert.include(await page.getByRole('status').innerText(), 'Vista da 1 a 2 di 2 elementi')
    await assertAccessible(page, assert)

    await page.getByRole('button', { name: 'Aggiungi' }).click()
    await page.getByRole('link', { name: 'Crea nuovo operatore' }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('h1').innerText(), 'Crea nuovo operatore')
    assert.deepEqual(await page.getByRole('tab').allInnerTexts(), [
      'Dati generali',
      'Servizi',
      'Calendari',
      'Uffici',
    ])
    await assertAccessible(page, assert)

    // a wrong e-mail: the message sits next to the field, the rest stays as typed
    await page.getByRole('textbox', { name: 'Nome', exact: true }).fill('Mario')
    await page.getByLabel('Cognome').fill('Rossi')
    await page.getByLabel('Username').fill('mario.rossi')
    await page.getByLabel('Email').fill('mario.rossi@')
    await page.getByRole('tab', { name: 'Servizi' }).click()
    await page.locator(`label[for=service-${service.id}]`).click()
    await page.getByRole('tab', { name: 'Uffici' }).click()
    await page.locator(`label[for=office-${office.id}]`).click()
    await screenshot(page, 'operators-create-offices')
    await page.locator('#field-email').evaluate((input) => input.removeAttribute('type'))
    await page.getByRole('button', { name: 'Crea operatore' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'operators-create-error')
    assert.equal(
      await page.locator('#field-email-error').innerText(),
      'Il campo email deve essere un indirizzo email valido'
    )
    assert.equal(await page.getByLabel('Cognome').inputValue(), 'Rossi')
    await page.getByRole('tab', { name: 'Servizi' }).click()
    assert.isTrue(await page.getByLabel(service.name).isChecked())
    await assertAccessible(page, assert)

    await page.getByRole('tab', { name: 'Dati generali' }).click()
    await page.getByLabel('Email').fill('mario.rossi@comune.example.it')
    await page.getByRole('button', { name: 'Crea operatore' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'operators-created')
    assert.isTrue(
      await page
        .getByText(
          "Operatore Mario Rossi creato: riceverà a mario.rossi@comune.example.it un'e-mail per impostare la password."
        )
        .isVisible()
    )
    await assertAccessible(page, assert)

    await workTheQueue()

    const newcomer = await openPage()
    cleanup(() => newcomer.context.close())
    const path = await passwordLinkFromMailbox(
      newcomer.page,
      'mario.rossi@comune.example.it',
      `Imposta la password - ${ente.name}`
    )
    await screenshot(newcomer.page, 'operators-setup-mail')
    assert.deepEqual(await accessibilityViolations(newcomer.page, { exclude: ['iframe'] }), [])

    await newcomer.page.goto(path, { waitUntil: 'networkidle' })
    assert.equal(await newcomer.page.locator('h1').innerText(), 'Imposta la password')
    await assertAccessible(newcomer.page, assert)
    await newcomer.page.getByLabel('Nuova password').fill(NEW_PASSWORD)
    await newcomer.page.getByLabel('Ripeti password').fill('Cielo-Sereno-2025')
    await newcomer.page.getByRole('button', { name: 'Imposta la password' }).click()
    await newcomer.page.waitForLoadState('networkidle')
    await screenshot(newcomer.page, 'password-setup-error')
    assert.equal(
      await newcomer.page.locator('#field-password_confirmation-error').innerText(),
      'Le due password non coincidono'
    )
    assert.equal(await newcomer.page.getByLabel('Nuova password').inputValue(), '')
    await assertAccessible(newcomer.page, assert)

    await newcomer.page.getByLabel('Nuova password').fill(NEW_PASSWORD)
    await newcomer.page.getByLabel('Ripeti password').fill(NEW_PASSWORD)
    await newcomer.page.getByRole('button', { name: 'Imposta la password' }).click()
    await newcomer.page.waitForURL(`**/${ente.slug}/operatori/login`)
    assert.isTrue(
      await newcomer.page.getByText('Password impostata: ora puoi accedere.').isVisible()
    )
    await logIn(newcomer.page, `/${ente.slug}/operatori/login`, 'mario.rossi', NEW_PASSWORD)
    assert.match(newcomer.page.url(), new RegExp(`/${ente.slug}/backoffice$`))
    assert.deepEqual([...staff.errors, ...newcomer.errors], [])
  })

  test('"Hai dimenticato la password?" from the login page to the new password', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/operatori/login`)
    await page.getByRole('link', { name: 'Hai dimenticato la password?' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'password-forgot')
    assert.equal(await page.locator('h1').innerText(), 'Hai dimenticato la password?')
    await assertAccessible(page, assert)

    await page.getByLabel('Inserisci il tuo indirizzo email o la tua username').fill(operator.email)
    await page.getByRole('button', { name: 'Reimposta password' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'password-forgot-sent')
    assert.include(await page.getByRole('status').innerText(), 'riceverai a breve')
    await assertAccessible(page, assert)

    await workTheQueue()
    const path = await passwordLinkFromMailbox(
      page,
      operator.email,
      `Reimposta password - ${ente.name}`
    )
    await page.goto(path, { waitUntil: 'networkidle' })
    await screenshot(page, 'password-change')
    assert.equal(await page.locator('h1').innerText(), 'Cambia password')
    await assertAccessible(page, assert)

    await page.getByLabel('Nuova password').fill(NEW_PASSWORD)
    await page.getByLabel('Ripeti password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Cambia password' }).click()
    await page.waitForURL(`**/${ente.slug}/operatori/login`)
    await screenshot(page, 'password-changed-login')
    assert.isTrue(
      await page.getByText('Password cambiata: accedi con la nuova password.').isVisible()
    )
    await assertAccessible(page, assert)
    await logIn(page, `/${ente.slug}/operatori/login`, operator.username, NEW_PASSWORD)
    assert.match(page.url(), new RegExp(`/${ente.slug}/backoffice$`))

    // the link was used up
    await page.goto(path, { waitUntil: 'networkidle' })
    await screenshot(page, 'password-link-invalid')
    assert.equal(await page.locator('h1').innerText(), 'Link non valido o scaduto')
    await assertAccessible(page, assert)
    assert.deepEqual(
      errors.filter((error) => !error.includes('status of 404')),
      []
    )
  })

  test('the row menu and the Abilitato switch; Modifica with its tabs; Elimina asks first', async ({
    assert,
    cleanup,
  }) => {
    const ente = await EnteFactory.create()
    const admin = await UserFactory.apply('enteAdmin')
      .merge({ enteId: ente.id, lastName: 'Amministratrice' })
      .create()
    const operator = await UserFactory.merge({
      enteId: ente.id,
      firstName: 'Mario',
      lastName: 'Rossi',
      username: 'mario.rossi',
    }).create()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logIn(page, `/${ente.slug}/operatori/login`, admin.username)
    await page.goto(`/${ente.slug}/backoffice/operatori?cerca=mario`, { waitUntil: 'networkidle' })

    await page.getByRole('button', { name: 'Azioni per Mario Rossi' }).click()
    const menu = page.locator('.dropdown-menu.show')
    await menu.getByText('Elimina').waitFor()
    await screenshot(page, 'operators-row-menu')
    assert.deepEqual(await menu.locator('.list-item').allInnerTexts(), [
      'Modifica',
      'Reimposta password',
      'Rendi manager',
      'Elimina',
    ])
    await assertAccessible(page, assert)
    await menu.getByRole('button', { name: 'Rendi manager' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Mario Rossi ora è Manager.').isVisible())
    assert.match(page.url(), /cerca=mario$/)

    const toggle = page.getByRole('switch', { name: 'Abilitato: Mario Rossi' })
    assert.equal(await toggle.getAttribute('aria-checked'), 'true')
    await toggle.click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'operators-disabled')
    assert.equal(
      await page
        .getByRole('switch', { name: 'Abilitato: Mario Rossi' })
        .getAttribute('aria-checked'),
      'false'
    )
    await operator.refresh()
    assert.equal(operator.role, 'manager')
    assert.isFalse(operator.isEnabled)
    await assertAccessible(page, assert)

    await page.getByRole('link', { name: 'Mario Rossi' }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('h1').innerText(), 'Modifica operatore: Mario Rossi')
    await page.getByRole('tab', { name: 'Calendari' }).click()
    await screenshot(page, 'operators-edit-calendars')
    assert.isTrue(
      await page.getByText('arriveranno con la gestione degli appuntamenti').isVisible()
    )
    await assertAccessible(page, assert)
    await page.getByRole('tab', { name: 'Dati generali' }).click()
    await page.getByLabel('Cognome').fill('Rossi Bianchi')
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Modifiche salvate.').isVisible())
    assert.equal(await page.locator('h1').innerText(), 'Modifica operatore: Mario Rossi Bianchi')

    await page.goto(`/${ente.slug}/backoffice/operatori?cerca=mario`, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Azioni per Mario Rossi Bianchi' }).click()
    await page.locator('.dropdown-menu.show').getByRole('link', { name: 'Elimina' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'operators-delete')
    assert.equal(await page.locator('h1').innerText(), 'Elimina operatore: Mario Rossi Bianchi')
    await assertAccessible(page, assert)
    await page.getByRole('button', { name: 'Elimina' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Operatore Mario Rossi Bianchi eliminato.').isVisible())
    assert.isNull(await User.find(operator.id))
    assert.deepEqual(errors, [])
  })

  test('the session cookie changes at login', async ({ assert, cleanup }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const { page, context } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/operatori/login`)
    const sessionCookie = async () => {
      const cookies = await context.cookies()
      return cookies.find((cookie) => cookie.name === 'sdc-session')?.value
    }
    const before = await sessionCookie()
    assert.isString(before)
    await logIn(page, `/${ente.slug}/operatori/login`, operator.username)
    const after = await sessionCookie()
    assert.isString(after)
    assert.notEqual(after, before)
  })
})
