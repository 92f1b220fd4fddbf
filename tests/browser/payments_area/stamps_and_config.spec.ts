import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { clearRateLimits } from '#tests/functional/auth/helpers'
import { adminWithService, reloaded } from '#tests/functional/services/helpers'
import { officeFixture, praticaUrl } from '#tests/functional/backoffice_pratica/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'
import {
  accessibilityViolations,
  closeBrowser,
  logInAsStaff,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'

/** Enters the marca of the Bolli tab's form for `causale`. */
async function enterMarca(page: Page, causale: string, numero: string) {
  const bollo = page
    .getByRole('region', { name: new RegExp('Pagamento bollo') })
    .filter({ hasText: causale })
  await bollo.getByLabel('Numero della marca da bollo (14 cifre)').fill(numero)
  await bollo.getByLabel('Data e ora di emissione').fill('2026-11-20T10:15')
  await bollo.getByRole('button', { name: /^Inserisci marca/ }).click()
  await page.waitForLoadState('networkidle')
}

test.group('Browser: bolli and the payments configuration', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('the ente admin configures a deferred payment with its bilancio and the bolli', async ({
    assert,
    cleanup,
  }) => {
    const { ente, admin, service, base } = await adminWithService()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInAsStaff(page, ente.slug, admin.username)
    await page.goto(`${base}/pagamenti`)
    await page.getByRole('button', { name: '+ Aggiungi pagamento posticipato' }).click()
    await page.waitForLoadState('networkidle')
    const payment = page.getByRole('group', { name: 'Pagamento posticipato 1' })
    await payment.getByLabel('Causale').fill('Occupazione temporanea di suolo pubblico')
    await payment.getByLabel('Importo (€)', { exact: true }).fill('10,00')
    await payment.getByLabel('Dati specifici riscossione').fill('9/0301123AP/')
    await payment.getByLabel('Categoria').selectOption('9/0101100IM/')
    await payment.getByRole('button', { name: /^\+ Aggiungi bilancio/ }).click()
    await page.waitForLoadState('networkidle')
    await page.getByLabel('ID della voce 1').fill('c_1')
    await page.getByLabel('Capitolo della voce 1').fill('Cap1')
    await page.getByLabel('Importo (€) della voce 1').fill('8')
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('La somma degli importi delle voci (8,00 €)').isVisible())
    assert.equal(
      await page.getByLabel('Causale').inputValue(),
      'Occupazione temporanea di suolo pubblico'
    )
    await screenshot(page, 'payments-config-error')
    assert.deepEqual(await accessibilityViolations(page), [])
    await page.getByLabel('Importo (€) della voce 1').fill('10')
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Modifiche salvate.').isVisible())
    await screenshot(page, 'payments-config-saved')
    const saved = await reloaded(service)
    assert.equal(saved.paymentSettings.deferred[0].bilancio[0].importoCents, 1000)

    await page.goto(`${base}/bolli`)
    await page.getByRole('button', { name: '+ Aggiungi bollo' }).click()
    await page.waitForLoadState('networkidle')
    await page.getByLabel('Causale').fill('Imposta di bollo istanza')
    await page.locator('label[for=bolli-at-release]').click()
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'payments-config-bolli')
    assert.deepEqual(await accessibilityViolations(page), [])
    const withStamps = await reloaded(service)
    assert.deepEqual(withStamps.stampSettings, {
      atRequest: [{ causale: 'Imposta di bollo istanza', amountCents: 1600 }],
      atRelease: true,
    })
    // the page with the wrong sum answers 422, which the console reports
    assert.deepEqual(
      errors.filter((error) => !error.includes('status of 422')),
      []
    )
  })

  test('bolli at request and at release: the citizen enters the marche, the pratica is Accettata', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen, mario } = await officeFixture()
    service.stampSettings = {
      atRequest: [{ causale: 'Imposta di bollo istanza', amountCents: 1600 }],
      atRelease: true,
    }
    await service.save()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    pratica.operatorId = mario.id
    await pratica.save()

    const office = await openPage()
    cleanup(() => office.context.close())
    await logInAsStaff(office.page, ente.slug, mario.username)
    await office.page.goto(praticaUrl(ente, pratica))
    await office.page.getByRole('link', { name: 'Marche da bollo' }).click()
    await office.page.waitForLoadState('networkidle')
    await office.page.getByLabel('Causale').fill('Imposta di bollo - accettazione pratica')
    await office.page.getByLabel('Importo (€)').fill('16,00')
    await screenshot(office.page, 'stamps-release-form')
    assert.deepEqual(await accessibilityViolations(office.page), [])
    await office.page.getByRole('button', { name: 'Invia' }).click()
    await office.page.waitForLoadState('networkidle')
    await pratica.refresh()
    assert.equal(pratica.status, 1500)

    const area = await openPage()
    cleanup(() => area.context.close())
    await loginCitizen(area.context, citizen)
    await area.page.goto(`/${ente.slug}/area-personale/pratiche/${pratica.uuid}#bolli`)
    await area.page.waitForLoadState('networkidle')
    await area.page.getByRole('tab', { name: /^Bolli/ }).click()
    await screenshot(area.page, 'stamps-citizen-tab')
    assert.deepEqual(await accessibilityViolations(area.page), [])

    await enterMarca(area.page, 'Imposta di bollo istanza', '01234567890123')
    await area.page.getByRole('tab', { name: /^Bolli/ }).click()
    // the same number again: refused next to the field, what was typed kept
    await enterMarca(area.page, 'accettazione pratica', '01234567890123')
    await area.page.getByRole('tab', { name: /^Bolli/ }).click()
    assert.isTrue(await area.page.getByText('Questa marca da bollo è già stata usata').isVisible())
    assert.equal(
      await area.page.getByLabel('Numero della marca da bollo (14 cifre)').inputValue(),
      '01234567890123'
    )
    await screenshot(area.page, 'stamps-citizen-refused')
    assert.deepEqual(await accessibilityViolations(area.page), [])
    await enterMarca(area.page, 'accettazione pratica', '98765432109876')
    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    await area.page.getByRole('tab', { name: /^Bolli/ }).click()
    assert.include(await area.page.locator('h1').innerText(), 'Accettata')
    await screenshot(area.page, 'stamps-citizen-done')

    await office.page.reload()
    await office.page.getByRole('tab', { name: /^Bolli/ }).click()
    assert.isTrue(await office.page.getByText('98765432109876').isVisible())
    assert.isTrue(await office.page.getByText('01234567890123').isVisible())
    await screenshot(office.page, 'stamps-office-tab')
    assert.deepEqual(await accessibilityViolations(office.page), [])
    assert.deepEqual([...office.errors, ...area.errors], [])
  })

  test('Registra pagamento: a payment made at the desk, with the reason sent to the citizen', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen, mario } = await officeFixture()
    service.paymentSettings = {
      atRequest: [{ causale: 'Diritti di istruttoria', amountCents: 1600, bilancio: [] }],
      deferred: [],
    }
    await service.save()
    // waiting for a payment the intermediary never created
    const pratica = await praticaIn(ente, service, citizen, 1500)

    const office = await openPage()
    cleanup(() => office.context.close())
    await logInAsStaff(office.page, ente.slug, mario.username)
    await office.page.goto(praticaUrl(ente, pratica))
    await office.page.getByRole('link', { name: 'Registra pagamento' }).click()
    await office.page.waitForLoadState('networkidle')
    await office.page.getByRole('button', { name: 'Procedi' }).click()
    await office.page.waitForLoadState('networkidle')
    assert.isTrue(await office.page.getByText('Scrivi la motivazione').isVisible())
    await office.page
      .getByLabel('Motivazione')
      .fill('Pagato in contanti allo sportello, ricevuta n. 45')
    await office.page.locator('label[for=destinazione-messaggio]').click()
    await screenshot(office.page, 'payments-register')
    assert.deepEqual(await accessibilityViolations(office.page), [])
    await office.page.getByRole('button', { name: 'Procedi' }).click()
    await office.page.waitForLoadState('networkidle')
    assert.isTrue(await office.page.getByText('Pagamento registrato.').isVisible())
    await pratica.refresh()
    assert.equal(pratica.status, 1900)
    await screenshot(office.page, 'payments-register-done')
    assert.deepEqual(
      office.errors.filter((error) => !error.includes('status of 422')),
      []
    )
  })
})
