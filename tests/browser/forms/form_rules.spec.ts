import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { TEST_PASSWORD } from '#factories/user_factory'
import { serviceWithForm, ALL_COMPONENTS } from '#tests/functional/forms/helpers'

const ZTL = 'database/data/forms/services/ztl.json'

async function loggedIn(
  page: import('playwright-core').Page,
  ente: { slug: string },
  username: string
) {
  await page.goto(`/${ente.slug}/operatori/login`)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForURL(`**/${ente.slug}/backoffice`)
}

test.group('Browser: the form rules run in the browser too', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('a wrong codice fiscale shows its error before submitting', async ({ assert, cleanup }) => {
    const { ente, admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loggedIn(page, ente, admin.username)
    await page.goto(url, { waitUntil: 'networkidle' })
    assert.deepEqual(await accessibilityViolations(page), [])

    const fiscalCode = page.getByLabel('Codice fiscale')
    await fiscalCode.fill('RSSMRA80A01H501X')
    await fiscalCode.blur()
    const error = page.locator('[data-field="fiscal_code"] .invalid-feedback')
    await error.waitFor({ state: 'visible' })
    await screenshot(page, 'forms-cf-error')
    assert.include(await error.innerText(), 'Il codice fiscale non è valido')
    assert.equal(await fiscalCode.getAttribute('aria-invalid'), 'true')
    assert.equal(page.url().endsWith('/anteprima-modulo'), true)

    await fiscalCode.fill('RSSMRA80A01H501U')
    await fiscalCode.blur()
    await error.waitFor({ state: 'hidden' })
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('"delegato da un\'altra persona" reveals Beneficiario and Delega', async ({
    assert,
    cleanup,
  }) => {
    const { ente, admin, url } = await serviceWithForm(ZTL)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loggedIn(page, ente, admin.username)
    await page.goto(url, { waitUntil: 'networkidle' })
    await screenshot(page, 'forms-ztl-privacy')
    // Bootstrap Italia draws the checkbox on its label
    await page.getByText("Ho letto e compreso l'informativa sulla privacy").click()
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: 'Dati generali' }).waitFor()

    const beneficiary = page.getByRole('group', { name: 'Beneficiario', exact: true })
    const delega = page.getByRole('group', { name: 'Delega', exact: true })
    assert.isFalse(await beneficiary.isVisible())
    assert.isFalse(await delega.isVisible())
    await page.getByLabel('In qualità di').selectOption({ label: "delegato da un'altra persona" })
    await beneficiary.waitFor({ state: 'visible' })
    assert.isTrue(await delega.isVisible())
    await screenshot(page, 'forms-ztl-delegato')
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('"Aggiungi un altro" adds a data grid row in place', async ({ assert, cleanup }) => {
    const { ente, admin, url } = await serviceWithForm(ZTL)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loggedIn(page, ente, admin.username)
    await page.goto(url, { waitUntil: 'networkidle' })
    // the vehicles are on the third step: "Indietro" from the fourth, which has no checks
    await page.evaluate(() => {
      const form = document.querySelector('form[data-sdc-form]') as HTMLFormElement
      ;(form.elements.namedItem('_step') as HTMLInputElement).value = '3'
    })
    await page.getByRole('button', { name: 'Avanti' }).evaluate((button: HTMLButtonElement) => {
      button.value = 'prev'
      button.setAttribute('data-skip-checks', '')
    })
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: 'Veicolo' }).waitFor()

    assert.equal(await page.getByLabel('Targa').count(), 1)
    await page.getByRole('button', { name: 'Aggiungi un altro veicolo' }).click()
    assert.equal(await page.getByLabel('Targa').count(), 2)
    await page.getByLabel('Targa').nth(1).fill('ab 123 cd')
    await page.getByLabel('Targa').nth(1).blur()
    assert.equal(await page.getByLabel('Numero di veicoli').inputValue(), '2')
    await screenshot(page, 'forms-ztl-vehicles')
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('a whole form: blocked Avanti, an upload, Invia and the Riepilogo', async ({
    assert,
    cleanup,
  }) => {
    const { ente, admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loggedIn(page, ente, admin.username)
    await page.goto(url, { waitUntil: 'networkidle' })

    // Avanti with empty required fields: the browser stops it and lists what is missing
    await page.getByRole('button', { name: 'Avanti' }).click()
    const summary = page.getByRole('alert')
    await summary.waitFor()
    assert.include(await summary.innerText(), 'Nome: Campo richiesto')
    assert.isTrue(page.url().endsWith('/anteprima-modulo'))
    await screenshot(page, 'forms-blocked-avanti')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.locator('input[name=first_name]').fill('Maria')
    await page.locator('input[name=last_name]').fill('Bianchi')
    await page.getByLabel('Codice fiscale').fill('RSSMRA80A01H501U')
    await page.locator('input[name=email]').fill('maria@example.it')
    await page.getByLabel('Data di nascita').fill('20/02/1980')
    await page.getByRole('button', { name: 'Avanti' }).click()
    await page.getByRole('heading', { name: 'Richiesta' }).waitFor()

    await page.getByLabel('Ufficio').selectOption('tributi')
    await page.getByText('Per email').click()
    await page.getByLabel('Persone').fill('4')
    await page.getByLabel('Importo').fill('100')
    await page.getByLabel('Importo').blur()
    assert.equal(await page.getByLabel('Totale per persona').inputValue(), '25')
    await page.getByLabel('Nome del figlio').fill('Luca')
    await page.locator('input[name="upload:document"]').setInputFiles({
      name: 'documento.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20)]),
    })
    await page.getByText("Ho letto e compreso l'informativa sulla privacy").click()
    await page.getByRole('button', { name: 'Invia' }).click()
    await page.getByRole('heading', { name: 'Riepilogo' }).waitFor()
    await screenshot(page, 'forms-riepilogo')
    const text = await page.locator('main').innerText()
    assert.include(text, 'Il modulo è compilato correttamente.')
    assert.include(text, 'documento.pdf (1,96 kB)')
    assert.include(text, '100,00 €')
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })
})
