import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import { CitizenFactory } from '#factories/citizen_factory'
import { createSiteEnte } from '#tests/functional/site/fixtures'
import {
  accessibilityViolations,
  baseUrl,
  closeBrowser,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { loginCitizen } from '#tests/browser/citizens/login'

async function citizenWithProfile() {
  const { ente } = await createSiteEnte()
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    fiscalCode: 'BRTLNZ00C11L378I',
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
    gender: 'M',
    birthDate: DateTime.fromISO('2000-03-11'),
    birthPlace: 'Trento',
    birthCounty: 'TN',
    birthCountry: 'Italia',
    email: 'lorenzo.bertoli@opencitylabs.it',
    mobilePhone: '+39 341 2312312',
  }).create()
  return { ente, citizen, path: `/${ente.slug}/area-personale/profilo` }
}

test.group('Browser: the citizen\'s "Profilo"', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('the page passes axe; "Copia da residenza" copies in place under the CSP; "Salva" stores it', async ({
    assert,
    cleanup,
  }) => {
    const { citizen, path } = await citizenWithProfile()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(path, { waitUntil: 'networkidle' })
    assert.equal(await page.locator('h1').innerText(), 'Profilo')
    assert.deepEqual(
      await page
        .getByRole('navigation', { name: 'Sezioni del profilo' })
        .getByRole('link')
        .allInnerTexts(),
      ['Contatti', 'Dati personali', 'Residenza', 'Domicilio', "Carta d'identità"]
    )
    const firstName = page.getByLabel('Nome', { exact: true })
    assert.equal(await firstName.inputValue(), 'Lorenzo')
    assert.isFalse(await firstName.isEditable(), 'locked by SPID/CIE')
    assert.deepEqual(await accessibilityViolations(page), [])
    await screenshot(page, 'citizen-profilo')

    const residence = page.locator('#residenza')
    await residence.getByLabel('Indirizzo', { exact: true }).fill('Via Parma')
    await residence.getByLabel('Numero civico').fill('12/A')
    await residence.getByLabel('CAP').fill('38122')
    await residence.getByLabel('Comune').fill('Trento')
    await residence.getByLabel('Provincia').fill('TN')
    await residence.getByLabel('Stato').fill('Italia')

    const domicile = page.locator('#domicilio')
    await domicile.getByRole('button', { name: 'Copia da residenza' }).click()
    await domicile.getByRole('status').filter({ hasText: 'Indirizzo copiato' }).waitFor()
    assert.equal(new URL(page.url()).pathname, path, 'copied in place, no round trip')
    assert.equal(await domicile.getByLabel('Indirizzo', { exact: true }).inputValue(), 'Via Parma')
    assert.equal(await domicile.getByLabel('Numero civico').inputValue(), '12/A')
    assert.equal(await domicile.getByLabel('CAP').inputValue(), '38122')
    assert.equal(await domicile.getByLabel('Comune').inputValue(), 'Trento')
    assert.equal(await domicile.getByLabel('Provincia').inputValue(), 'TN')
    await screenshot(page, 'citizen-profilo-copiato')
    assert.deepEqual(errors, [], 'no CSP violation, no script error')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name: 'Salva' }).click()
    await page.getByRole('status').filter({ hasText: 'Profilo salvato.' }).waitFor()
    const stored = await Citizen.findOrFail(citizen.id)
    assert.equal(stored.residenceMunicipality, 'Trento')
    assert.equal(stored.domicileAddress, 'Via Parma')
    assert.equal(stored.domicileHouseNumber, '12/A')
    assert.equal(stored.fullName, 'Lorenzo Bertoli')
  })

  test('an error is shown next to its field, with everything typed kept; the page passes axe', async ({
    assert,
    cleanup,
  }) => {
    const { citizen, path } = await citizenWithProfile()
    const { page, context } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)
    await page.goto(path, { waitUntil: 'networkidle' })

    const residence = page.locator('#residenza')
    await residence.getByLabel('Indirizzo', { exact: true }).fill('Via Parma')
    await residence.getByLabel('CAP').fill('381')
    await page.getByLabel('Numero di telefono').fill('050 123456')
    await page.getByRole('button', { name: 'Salva' }).click()
    await page.waitForLoadState('networkidle')

    const summary = page.getByRole('alert')
    assert.include(await summary.innerText(), 'Il profilo non è stato salvato')
    await summary
      .getByRole('link', { name: 'Residenza: Il CAP non è valido: in Italia ha 5 cifre' })
      .click()
    const postalCode = residence.getByLabel('CAP')
    assert.isTrue(await postalCode.evaluate((input) => input === document.activeElement))
    assert.equal(await postalCode.getAttribute('aria-invalid'), 'true')
    assert.equal(
      await page.locator('#field-residencePostalCode-error').innerText(),
      'Il CAP non è valido: in Italia ha 5 cifre'
    )
    assert.include(
      await postalCode.getAttribute('aria-describedby'),
      'field-residencePostalCode-error'
    )
    assert.equal(await postalCode.inputValue(), '381')
    assert.equal(await residence.getByLabel('Indirizzo', { exact: true }).inputValue(), 'Via Parma')
    assert.equal(await page.getByLabel('Numero di telefono').inputValue(), '050 123456')
    await screenshot(page, 'citizen-profilo-errore')
    assert.deepEqual(await accessibilityViolations(page), [])
    const stored = await Citizen.findOrFail(citizen.id)
    assert.isNull(stored.residenceAddress, 'nothing saved')
  })

  test('without JavaScript "Copia da domicilio" comes back from the server, copied', async ({
    assert,
    cleanup,
  }) => {
    const { citizen, path } = await citizenWithProfile()
    citizen.merge({
      domicileAddress: 'Via Roma',
      domicileHouseNumber: '3',
      domicilePostalCode: '38122',
      domicileMunicipality: 'Trento',
    })
    await citizen.save()
    const { context: withScripts } = await openPage()
    const context = await withScripts.browser()!.newContext({
      baseURL: baseUrl(),
      locale: 'it-IT',
      javaScriptEnabled: false,
    })
    cleanup(async () => {
      await context.close()
      await withScripts.close()
    })
    await loginCitizen(context, citizen)
    const page = await context.newPage()

    await page.goto(path)
    await page.getByLabel('Numero di telefono').fill('050 123456')
    await page.locator('#residenza').getByRole('button', { name: 'Copia da domicilio' }).click()
    await page.waitForLoadState()

    assert.equal(new URL(page.url()).hash, '#residenza')
    const residence = page.locator('#residenza')
    assert.equal(await residence.getByLabel('Indirizzo', { exact: true }).inputValue(), 'Via Roma')
    assert.equal(await residence.getByLabel('Comune').inputValue(), 'Trento')
    assert.equal(await page.getByLabel('Numero di telefono').inputValue(), '050 123456')
    assert.include(
      await page.getByRole('status').allInnerTexts(),
      'Indirizzo copiato: controlla i dati e premi Salva.'
    )
    await screenshot(page, 'citizen-profilo-senza-js')
  })
})
