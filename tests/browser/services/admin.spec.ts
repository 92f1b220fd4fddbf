/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { TEST_PASSWORD } from '#factories/user_factory'
import { currentFormVersion } from '#services/forms/form_versions'
import { clearRateLimits } from '#tests/functional/auth/helpers'
import { SMALL_FORM, adminWithService } from '#tests/functional/services/helpers'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'

async function logIn(page: Page, enteSlug: string, username: string) {
  await page.goto(`/${enteSlug}/operatori/login`)
  await page.getByLabel('Username').fill(username)
  await page.locator('input[name=password]').fill(TEST_PASSWORD)
  await page.getByRole('button', { name: 'Login' }).click()
  await page.waitForLoadState('networkidle')
}

async function openTab(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Sezioni del servizio' })
    .getByRole('link', { name, exact: true })
    .click()
  await page.waitForLoadState('networkidle')
}

test.group('Browser: configuring a service', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())
  group.teardown(() => closeBrowser())

  test('the ente admin edits the form as JSON, sees the preview, saves a new version', async ({
    assert,
    cleanup,
  }) => {
    const { ente, admin, service } = await adminWithService()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await logIn(page, ente.slug, admin.username)
    await page
      .getByRole('navigation', { name: 'Navigazione del backoffice' })
      .getByRole('link', { name: 'Servizi' })
      .click()
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'services-admin-list')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('link', { name: 'Modifica Permesso ZTL' }).click()
    await page.waitForLoadState('networkidle')
    await openTab(page, 'Modulo')
    assert.equal(await page.locator('h1').innerText(), 'Modifica Permesso ZTL')
    assert.equal(
      await page.getByRole('status').filter({ hasText: 'JSON' }).innerText(),
      'Il JSON è valido.'
    )
    assert.isTrue(await page.getByRole('combobox', { name: 'Tipo di richiesta' }).isVisible())
    await screenshot(page, 'services-admin-form')
    assert.deepEqual(await accessibilityViolations(page), [])

    // a broken JSON is said at once, where it breaks
    const editor = page.getByLabel('JSON del modulo (Form.io)')
    await editor.fill('{ "components": [ { "type": "textfield", } ] }')
    assert.match(await page.locator('#form-schema-status').innerText(), /^Il JSON non è valido:/)
    assert.equal(await editor.getAttribute('aria-invalid'), 'true')

    // a new field, formatted, previewed: the preview is the citizen's form, working
    const changed = {
      ...SMALL_FORM,
      components: [
        ...SMALL_FORM.components,
        {
          type: 'email',
          key: 'email',
          label: 'Email di contatto',
          input: true,
          validate: { required: true },
        },
      ],
    }
    await editor.fill(JSON.stringify(changed))
    await page.getByRole('button', { name: 'Formatta JSON' }).click()
    assert.include(await editor.inputValue(), '\n  "components": [')
    assert.equal(await page.locator('#form-schema-status').innerText(), 'Il JSON è valido.')
    await page.getByRole('button', { name: 'Aggiorna anteprima' }).click()
    await page.waitForLoadState('networkidle')
    const preview = page.locator('#anteprima-modulo')
    assert.isTrue(await preview.getByLabel('Email di contatto').isVisible())
    await screenshot(page, 'services-admin-form-preview')

    // send the preview without the e-mail: the form engine answers, nothing is lost
    await preview.getByLabel('Nome').fill('Mario')
    await editor.fill(JSON.stringify(changed, null, 1))
    await preview.getByRole('button', { name: 'Invia' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Alcuni campi non sono compilati correttamente').isVisible())
    assert.equal(await page.locator('#anteprima-modulo').getByLabel('Nome').inputValue(), 'Mario')
    assert.equal(await editor.inputValue(), JSON.stringify(changed, null, 1))
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name: 'Salva', exact: true }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Salvata la versione 2 del modulo').isVisible())
    assert.equal((await currentFormVersion(service))!.version, 2)
    await screenshot(page, 'services-admin-form-saved')
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('every tab of the service is axe-clean', async ({ assert, cleanup }) => {
    const { ente, admin } = await adminWithService()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logIn(page, ente.slug, admin.username)
    await page.goto(`/${ente.slug}/backoffice/servizi/nuovo`, { waitUntil: 'networkidle' })
    await page.getByLabel('Nome del servizio').fill('Iscrizione al nido')
    await page.getByRole('button', { name: 'Crea servizio' }).click()
    await page.waitForLoadState('networkidle')
    assert.isTrue(await page.getByText('Servizio Iscrizione al nido creato').isVisible())

    for (const tab of [
      'Dati generali',
      'Scheda',
      'Modulo',
      'Traduzioni modulo',
      'Messaggi',
      'Ricevuta',
      'Integrazioni',
      'Impostazioni avanzate',
    ]) {
      await openTab(page, tab)
      await screenshot(page, `services-admin-tab-${tab.toLowerCase().replaceAll(' ', '-')}`)
      assert.deepEqual(await accessibilityViolations(page), [], tab)
    }

    // an error keeps the page as typed, next to the field
    await page.getByLabel('Stato').selectOption({ label: 'Programmato' })
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')
    assert.include(
      await page.locator('#field-scheduledFrom-error').innerText(),
      'Un servizio programmato ha almeno una data'
    )
    assert.equal(await page.getByLabel('Stato').inputValue(), 'scheduled')
    await screenshot(page, 'services-admin-advanced-error')
    assert.deepEqual(await accessibilityViolations(page), [])
    // only the browser's note of the form's own 422 answer
    assert.deepEqual(
      errors.filter((error) => !error.includes('422')),
      []
    )
  })
})
