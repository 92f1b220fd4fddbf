import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'
import {
  enableEmail,
  officeFixture,
  praticaUrl,
  sentPratica,
} from '#tests/functional/backoffice_pratica/helpers'
import { logInOperator, submitAndWait } from './helpers.js'

test.group('Browser: backoffice pratica, Approva and Rigetta', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('an operator takes charge, approves with a formatted message; the citizen sees Accettata and the PDF', async ({
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    await enableEmail(fixture.ente)
    const pratica = await sentPratica(fixture, 2000)

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInOperator(page, fixture.ente.slug, fixture.mario.username)
    await page.goto(praticaUrl(fixture.ente, pratica))
    await submitAndWait(page, 'Prendi in carico')
    assert.include(
      await page.locator('.alert-success').innerText(),
      'Hai preso in carico la pratica.'
    )
    assert.include(await page.locator('h1').innerText(), '[In carico]')

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Approva' }).click(),
    ])
    assert.equal(await page.locator('h1').innerText(), 'Approva pratica')
    assert.include(await page.locator('main').innerText(), fixture.citizen.email!)
    const editor = page.getByRole('textbox', { name: 'Messaggio di risposta' })
    await editor.click()
    await page.getByRole('button', { name: 'Grassetto' }).click()
    await page.keyboard.type('Richiesta accettata.')
    await page.getByRole('button', { name: 'Grassetto' }).click()
    await page.keyboard.type(' Il permesso vale dodici mesi.')
    assert.equal(await page.locator('[x-text="words"]').innerText(), '7 parole')
    await screenshot(page, 'backoffice-pratica-approva')
    assert.deepEqual(await accessibilityViolations(page), [])
    await submitAndWait(page, 'Invia')

    assert.include(
      await page.locator('.alert-success').innerText(),
      'La pratica è stata approvata.'
    )
    assert.include(await page.locator('h1').innerText(), '[Accettata]')
    await page.getByRole('tab', { name: /Messaggi/ }).click()
    const thread = await page.locator('#scheda-messaggi').innerText()
    assert.include(thread, 'Richiesta accettata. Il permesso vale dodici mesi.')
    assert.include(thread, `esito-${pratica.uuid}.pdf`)
    await screenshot(page, 'backoffice-pratica-accettata')
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.deepEqual(errors, [])

    // the citizen, in their personal area
    const citizen = await openPage()
    cleanup(() => citizen.context.close())
    await loginCitizen(citizen.context, fixture.citizen)
    await citizen.page.goto(`${fixture.area}/pratiche/${pratica.uuid}`)
    assert.include(await citizen.page.locator('h1').innerText(), '[Accettata]')
    await citizen.page.getByRole('tab', { name: /Messaggi/ }).click()
    assert.include(
      await citizen.page.locator('#scheda-messaggi').innerText(),
      'Il permesso vale dodici mesi.'
    )
    const download = await Promise.all([
      citizen.page.waitForEvent('download'),
      citizen.page
        .locator('#scheda-messaggi')
        .getByRole('link', { name: `esito-${pratica.uuid}.pdf` })
        .click(),
    ])
    const path = await download[0].path()
    const bytes = await readFile(path!)
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-')
    await screenshot(citizen.page, 'area-personale-pratica-accettata')
  })

  test('an operator rejects a pratica in their charge; an empty message is refused first, the text kept', async ({
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInOperator(page, fixture.ente.slug, fixture.mario.username)
    await page.goto(praticaUrl(fixture.ente, pratica))
    await submitAndWait(page, 'Prendi in carico')
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Rigetta' }).click(),
    ])
    assert.equal(await page.locator('h1').innerText(), 'Rigetta pratica')

    await submitAndWait(page, 'Invia')
    assert.include(
      await page.locator('#outcome-body-error').innerText(),
      'Scrivi il messaggio di risposta.'
    )
    await screenshot(page, 'backoffice-pratica-rigetta-errore')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('textbox', { name: 'Messaggio di risposta' }).click()
    await page.keyboard.type('La targa indicata non è intestata al richiedente.')
    await submitAndWait(page, 'Invia')
    assert.include(
      await page.locator('.alert-success').innerText(),
      'La pratica è stata rigettata.'
    )
    assert.include(await page.locator('h1').innerText(), '[Rifiutata]')
    assert.include(await page.locator('#panel-iter').innerText(), 'Rifiutata')
    assert.notInclude(await page.locator('.pratica-actions').innerText(), 'Approva')
    await screenshot(page, 'backoffice-pratica-rifiutata')
    // the refused form answered 422, as it should
    assert.deepEqual(
      errors.filter((error) => !error.includes('422')),
      []
    )
  })
})
