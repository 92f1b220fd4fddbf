import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright-core'
import { UserFactory } from '#factories/user_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { logInOperator } from '#tests/browser/backoffice_pratica/helpers'
import { ztlSetup } from '#tests/functional/pratiche/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'

async function follow(page: Page, name: string, role: 'link' | 'button' = 'link') {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'networkidle' }),
    page.getByRole(role, { name, exact: true }).click(),
  ])
}

async function axeReport(page: Page) {
  const violations = await accessibilityViolations(page)
  return violations.join('\n')
}

test.group('Browser: Crea pratica and Registra esito', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })
  group.teardown(() => closeBrowser())

  test('from Servizi the operator finds the citizen, a wrong codice fiscale is told next to its field, then the form opens for the citizen', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service } = await ztlSetup()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    await operator.related('services').attach([service.id])
    await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      fiscalCode: 'BRTLRN80B20G702J',
    }).create()
    const { page, context } = await openPage()
    cleanup(() => context.close())
    await logInOperator(page, ente.slug, operator.username)
    await page.goto(`/${ente.slug}/backoffice/servizi`)
    await follow(page, `Crea pratica ${service.name}`)
    await page.getByLabel('Nome, cognome o codice fiscale').fill('bertoli')
    await follow(page, 'Cerca', 'button')
    assert.include(await page.locator('table.citizens-found').innerText(), 'BRTLRN80B20G702J')

    await page.locator('#field-nome').fill('Giulia')
    await page.locator('#field-cognome').fill('Verdi')
    await page.locator('#field-codiceFiscale').fill('VRDGLI85M41G702X')
    await page.locator('#field-email').fill('giulia.verdi@example.it')
    await page.locator('#field-telefono').fill('3331234567')
    await follow(page, 'Compila la richiesta', 'button')
    assert.equal(await page.locator('#field-cognome').inputValue(), 'Verdi')
    assert.isNotEmpty(await page.locator('#field-codiceFiscale-error').innerText())
    await screenshot(page, 'backoffice-crea-pratica')
    assert.equal(await axeReport(page), '')

    await follow(page, 'Seleziona Lorenzo Bertoli', 'button')
    assert.include(await page.locator('main').innerText(), 'Richiesta per Lorenzo Bertoli')
    await screenshot(page, 'backoffice-crea-pratica-modulo')
    assert.equal(await axeReport(page), '')
  })

  test('a forwarded pratica is read-only; "Registra esito" keeps what was typed and records Rifiutata', async ({
    assert,
    cleanup,
  }) => {
    const { ente, service, citizen } = await ztlSetup({ workflow: 'forward' })
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    await operator.related('services').attach([service.id])
    const pratica = await praticaIn(ente, service, citizen, 2000)
    pratica.forwardedAt = DateTime.now()
    await pratica.save()
    const base = `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`

    const { page, context } = await openPage()
    cleanup(() => context.close())
    await logInOperator(page, ente.slug, operator.username)
    await page.goto(base)
    assert.include(
      await page.locator('.pratica-header').innerText(),
      'Inoltrata al back office esterno il'
    )
    assert.equal(await page.getByRole('button', { name: 'Prendi in carico' }).count(), 0)
    await follow(page, 'Registra esito')
    await page.getByLabel('Messaggio').fill('Respinta dal back office: requisiti mancanti.')
    await follow(page, 'Registra esito', 'button')
    assert.equal(
      await page.getByLabel('Messaggio').inputValue(),
      'Respinta dal back office: requisiti mancanti.'
    )
    assert.include(await page.locator('#outcome-esito-error').innerText(), "Scegli l'esito")
    await screenshot(page, 'backoffice-registra-esito')
    assert.equal(await axeReport(page), '')
    await page.locator('label[for=esito-rifiutata]').click()
    await follow(page, 'Registra esito', 'button')
    assert.include(await page.locator('h1').innerText(), '[Rifiutata]')
  })
})
