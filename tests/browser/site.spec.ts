/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { accessibilityViolations, closeBrowser, openPage, screenshot } from '#tests/helpers/browser'
import { createSiteEnte } from '#tests/functional/site/fixtures'

test.group('Browser: public site of an ente', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.teardown(() => closeBrowser())

  test('the home renders in Italian with header and footer, and passes axe', async ({
    assert,
    cleanup,
  }) => {
    const { ente } = await createSiteEnte({ name: 'Comune di Prova', languages: ['it', 'en'] })
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    const response = await page.goto(`/${ente.slug}/`, { waitUntil: 'networkidle' })
    await screenshot(page, 'site-home')

    assert.equal(response?.status(), 200)
    assert.equal(await page.getAttribute('html', 'lang'), 'it')
    assert.equal(await page.title(), 'Comune di Prova')
    assert.equal(await page.locator('h1').innerText(), 'Comune di Prova')
    assert.equal(await page.locator('.it-brand-title').innerText(), 'Comune di Prova')
    const access = page.getByRole('link', { name: "Accedi all'area personale" })
    assert.equal(await access.getAttribute('href'), `/${ente.slug}/accedi`)
    assert.isTrue(
      await page
        .getByRole('navigation', { name: 'Navigazione principale' })
        .getByRole('link', { name: 'Servizi' })
        .isVisible()
    )
    const staff = page
      .locator('#footer')
      .getByRole('link', { name: 'Accesso riservato al personale autorizzato' })
    assert.equal(await staff.getAttribute('href'), `/${ente.slug}/operatori/login`)
    assert.isTrue(
      await page
        .getByRole('heading', { name: 'Richiedere permesso di accesso ad area ZTL' })
        .isVisible()
    )
    // Bootstrap Italia's fonts and styles are there
    assert.include(
      await page.evaluate(() => getComputedStyle(document.body).fontFamily),
      'Titillium Web'
    )
    assert.isTrue(await page.evaluate(() => document.fonts.check('16px "Titillium Web"')))
    // no CSP violation nor script error
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('on a phone the main menu opens from the burger button', async ({ assert, cleanup }) => {
    const { ente } = await createSiteEnte()
    const { page, context, errors } = await openPage({ viewport: { width: 390, height: 844 } })
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/`, { waitUntil: 'networkidle' })
    const services = page.locator('#main-nav').getByRole('link', { name: 'Servizi' })
    assert.isFalse(await services.isVisible())

    await page.getByRole('button', { name: 'Mostra o nascondi la navigazione' }).click()
    await services.waitFor({ state: 'visible' })
    // the panel slides in: let the animation end before the picture
    await page.waitForTimeout(500)
    await screenshot(page, 'site-home-phone-menu', { fullPage: false })

    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('the catalogue narrows the list as the visitor types (Alpine under the CSP)', async ({
    assert,
    cleanup,
  }) => {
    const { ente } = await createSiteEnte()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi`, { waitUntil: 'networkidle' })
    const status = page.getByRole('status')
    assert.equal(await status.innerText(), '2 servizi trovati')

    await page.getByRole('searchbox', { name: 'Cerca un servizio' }).fill('ztl')
    await page.waitForFunction(
      () => document.querySelector('[role=status]')?.textContent === '1 servizio trovato'
    )
    assert.isTrue(
      await page
        .getByRole('link', { name: 'Richiedere permesso di accesso ad area ZTL' })
        .isVisible()
    )
    assert.isFalse(await page.getByRole('link', { name: 'Segnalare un disservizio' }).isVisible())
    await screenshot(page, 'site-catalogue-filtered')

    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('the scheda of a service passes axe', async ({ assert, cleanup }) => {
    const { ente } = await createSiteEnte()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/servizi/permesso-ztl`, { waitUntil: 'networkidle' })
    await screenshot(page, 'site-scheda')

    assert.equal(await page.locator('h1').innerText(), 'Richiedere permesso di accesso ad area ZTL')
    assert.isTrue(await page.getByRole('link', { name: 'Accedi al servizio online' }).isVisible())
    assert.deepEqual(errors, [])
    assert.deepEqual(await accessibilityViolations(page), [])
  })

  test('a missing page is the styled Italian 404', async ({ assert, cleanup }) => {
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    const response = await page.goto('/ente-che-non-esiste/', { waitUntil: 'networkidle' })
    await screenshot(page, 'site-404')

    assert.equal(response?.status(), 404)
    assert.equal(await page.locator('h1').innerText(), 'Pagina non trovata')
    assert.equal(await page.title(), 'Pagina non trovata - Servizi digitali')
    // styled: Bootstrap Italia's header is laid out, not raw HTML
    assert.equal(
      await page
        .locator('.it-header-center-wrapper')
        .evaluate((element) => getComputedStyle(element).backgroundColor),
      'rgb(0, 102, 204)'
    )
    // only the page's own 404 status is reported by the browser
    assert.deepEqual(
      errors.filter((error) => !error.includes('404')),
      []
    )
    assert.deepEqual(await accessibilityViolations(page), [])
  })
})
