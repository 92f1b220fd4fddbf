import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { createSiteEnte } from '#tests/functional/site/fixtures'
import { loginCitizen } from '#tests/browser/citizens/login'

test.group('Browser: citizen access and personal area', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('the personal area sends a logged-out visitor to "Accedi"', async ({ assert, cleanup }) => {
    const { ente } = await createSiteEnte()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/area-personale`, { waitUntil: 'networkidle' })
    await screenshot(page, 'citizen-accedi')

    assert.equal(new URL(page.url()).pathname, `/${ente.slug}/accedi`)
    assert.equal(await page.locator('h1').innerText(), 'Accedi')
    assert.isTrue(await page.getByRole('button', { name: 'Entra con SPID' }).isDisabled())
    assert.isTrue(await page.getByRole('button', { name: 'Entra con CIE' }).isDisabled())
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('the Scrivania shell (citizen menu and area sections) passes axe', async ({
    assert,
    cleanup,
  }) => {
    const { ente } = await createSiteEnte()
    const citizen = await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
    }).create()
    const path = `/${ente.slug}/area-personale`
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await loginCitizen(context, citizen)

    await page.goto(path, { waitUntil: 'networkidle' })
    const sections = page.getByRole('navigation', { name: "Sezioni dell'area personale" })
    assert.deepEqual(await sections.getByRole('link').allInnerTexts(), [
      'Scrivania',
      'Pratiche',
      'Allegati',
      'Documenti',
      'Pagamenti',
      'Profilo',
    ])
    assert.equal(await sections.locator('[aria-current=page]').innerText(), 'Scrivania')
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name: 'Lorenzo Bertoli' }).click()
    const menu = page.locator('.dropdown-menu.show')
    await menu.waitFor()
    await screenshot(page, 'citizen-scrivania')
    assert.deepEqual(await menu.locator('.list-item').allInnerTexts(), [
      'Profilo',
      'Scrivania',
      'Pratiche',
      'Allegati',
      'Documenti',
      'Pagamenti',
      'Logout',
    ])
    assert.deepEqual(await accessibilityViolations(page), [])
  })
})
