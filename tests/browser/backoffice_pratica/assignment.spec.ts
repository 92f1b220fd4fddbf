import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { OfficeFactory } from '#factories/office_factory'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import {
  officeFixture,
  praticaUrl,
  sentPratica,
} from '#tests/functional/backoffice_pratica/helpers'
import { logInOperator, openPanel, submitAndWait } from './helpers.js'

test.group('Browser: backoffice pratica, assignment and Subentra', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('an operator assigns the pratica to a colleague of an office, then takes it over', async ({
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    const mobilita = await OfficeFactory.merge({
      enteId: fixture.ente.id,
      name: 'Ufficio Mobilità',
    }).create()
    const tributi = await OfficeFactory.merge({
      enteId: fixture.ente.id,
      name: 'Ufficio Tributi',
    }).create()
    await fixture.giulia.related('offices').attach([mobilita.id])
    await fixture.mario.related('offices').attach([tributi.id])
    const pratica = await sentPratica(fixture, 2000)

    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await logInOperator(page, fixture.ente.slug, fixture.mario.username)
    await page.goto(praticaUrl(fixture.ente, pratica))
    assert.include(await page.locator('h1').innerText(), '[Acquisita]')
    await screenshot(page, 'backoffice-pratica')
    assert.deepEqual(await accessibilityViolations(page), [])

    await openPanel(page, 'Assegna ad un operatore')
    await page.getByLabel('Ufficio', { exact: true }).selectOption({ label: 'Ufficio Mobilità' })
    // the operators narrow to the office's
    assert.isTrue(
      await page
        .locator('#assign-operator option', { hasText: 'Mario Rossi' })
        .evaluate((option) => (option as HTMLOptionElement).hidden)
    )
    await page.getByLabel('Operatore', { exact: true }).selectOption({ label: 'Giulia Verdi' })
    await screenshot(page, 'backoffice-pratica-assegna')
    await submitAndWait(page, 'Assegna')
    assert.include(
      await page.locator('.alert-success').innerText(),
      'La pratica è stata assegnata.'
    )
    assert.include(await page.locator('.pratica-owner').innerText(), 'In carico a Giulia Verdi')
    assert.include(await page.locator('h1').innerText(), '[In carico]')

    await submitAndWait(page, 'Subentra a Giulia Verdi')
    assert.include(await page.locator('.pratica-owner').innerText(), 'In carico a Mario Rossi')
    assert.include(await page.locator('#panel-iter').innerText(), 'Subentra a Giulia Verdi')
    await screenshot(page, 'backoffice-pratica-subentra')
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.deepEqual(errors, [])
  })
})
