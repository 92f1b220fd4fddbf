import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page, Route } from 'playwright-core'
import { TEST_USER } from '#extension_points/identity/testing'
import type { PluginHttpRequest } from '#extension_points/define_plugin'
import type { LogoutRequest } from '#extension_points/identity/contract'
import {
  accessibilityViolations,
  baseUrl,
  closeBrowser,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { overrideEnv } from '#tests/helpers/env'
import {
  enteWithIdentity,
  IDP_URL,
  SPID_IDPS,
  useIdentityPlugins,
} from '#tests/functional/identity/fixtures'
import { idp } from '#tests/functional/identity/helpers'

/**
 * The fake IdP's pages, served in the browser by intercepting its address:
 * a page whose button posts the signed answer back, as an IdP's page does
 * after the citizen authenticates.
 */
function idpPage(callback: PluginHttpRequest) {
  const fields = Object.entries(callback.body as Record<string, string>)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
    .join('')
  return `<!DOCTYPE html><html lang="it"><head><title>IdP di prova</title></head><body><main>
    <h1>IdP di prova</h1>
    <form method="POST" action="${callback.url}">${fields}<button type="submit">Invia la risposta</button></form>
    </main></body></html>`
}

function fulfillWith(route: Route, callback: PluginHttpRequest) {
  return route.fulfill({ contentType: 'text/html', body: idpPage(callback) })
}

/** The IdP takes the SP's request (form post or redirect) and answers with `TEST_USER` at level 2. */
async function playIdp(page: Page) {
  await page.route(`${IDP_URL}/**`, async (route) => {
    const request = route.request()
    const target = new URL(request.url())
    if (request.method() === 'POST') {
      for (const [name, value] of new URLSearchParams(request.postData() ?? '')) {
        target.searchParams.set(name, value)
      }
    }
    if (target.pathname === '/sso') {
      const login = {
        requestId: '',
        transport: { kind: 'redirect', url: target.href },
        data: {},
      } as const
      return fulfillWith(route, await idp.answerLogin(login, { user: TEST_USER, level: 2 }))
    }
    const logout: LogoutRequest = {
      kind: 'remote',
      requestId: '',
      transport: { kind: 'redirect', url: target.href },
      data: {},
    }
    return fulfillWith(route, await idp.answerLogout!(logout))
  })
}

test.group('Browser: citizen login with SPID and CIE', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())
  // the IdP sends the browser back to the URLs the plugins build from APP_URL
  group.each.setup(() => overrideEnv({ APP_URL: baseUrl() }))
  group.teardown(() => closeBrowser())

  test('"Accedi": the SPID list opens and works with the keyboard, axe-clean', async ({
    assert,
    cleanup,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid', 'identity_fakecie'])
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/accedi?livello=2`, { waitUntil: 'networkidle' })
    assert.deepEqual(await accessibilityViolations(page), [])
    assert.equal(await page.getByRole('link', { name: 'Entra con CIE' }).count(), 1)

    const spid = page.getByRole('button', { name: 'Entra con SPID' })
    await spid.focus()
    await page.keyboard.press('Enter')
    const list = page.getByRole('list', { name: 'Scegli il tuo gestore di identità SPID' })
    await list.waitFor()
    assert.equal(await spid.getAttribute('aria-expanded'), 'true')
    const entries = await list.getByRole('link').all()
    const names = await Promise.all(
      entries.map(
        async (entry) =>
          (await entry.innerText()) || (await entry.locator('img').getAttribute('alt'))
      )
    )
    assert.sameMembers(
      names.slice(0, 3),
      SPID_IDPS.map((entry) => entry.name)
    )
    assert.deepEqual(names.slice(3), ['Maggiori informazioni', 'Non hai SPID?', 'Serve aiuto?'])
    await page
      .locator('.spid-idp-menu')
      .evaluate((menu) => Promise.all(menu.getAnimations().map((animation) => animation.finished)))
    await screenshot(page, 'identity-accedi-spid')
    assert.deepEqual(await accessibilityViolations(page), [])

    // arrows walk the list, Esc closes it and gives the focus back to the button
    await page.keyboard.press('ArrowDown')
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('ul')?.getAttribute('aria-label')),
      'Scegli il tuo gestore di identità SPID'
    )
    await page.keyboard.press('ArrowDown')
    const second = await page.evaluate(
      () =>
        document.activeElement?.textContent?.trim() ||
        document.activeElement?.querySelector('img')?.alt
    )
    assert.equal(second, names[1])
    await page.keyboard.press('Escape')
    assert.equal(await spid.getAttribute('aria-expanded'), 'false')
    assert.isTrue(await spid.evaluate((button) => button === document.activeElement))
    assert.deepEqual(errors, [])
  })

  test('a citizen logs in with SPID through the IdP and logs out again', async ({
    assert,
    cleanup,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await playIdp(page)

    await page.goto(`/${ente.slug}/area-personale`, { waitUntil: 'networkidle' })
    assert.equal(new URL(page.url()).pathname, `/${ente.slug}/accedi`)
    await page.getByRole('button', { name: 'Entra con SPID' }).click()
    await page.getByRole('link', { name: 'Gestore Due' }).click()

    // the platform's page posts itself to the IdP (Alpine, no inline script)
    await page.waitForURL(`${IDP_URL}/sso`)
    await page.getByRole('button', { name: 'Invia la risposta' }).click()
    await page.waitForURL(`**/${ente.slug}/area-personale`)
    await page.waitForLoadState('networkidle')
    await screenshot(page, 'identity-logged-in')
    const name = `${TEST_USER.name} ${TEST_USER.familyName}`
    assert.include(await page.locator('main').innerText(), name)
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name }).click()
    await page.getByRole('button', { name: 'Logout' }).click()
    await page.waitForURL(`${IDP_URL}/slo**`)
    await page.getByRole('button', { name: 'Invia la risposta' }).click()
    await page.waitForURL(`**/${ente.slug}/`)
    await page.waitForLoadState('networkidle')
    assert.include(
      await page
        .getByRole('status')
        .allInnerTexts()
        .then((texts) => texts.join(' ')),
      "Sei uscito dall'area personale."
    )
    await screenshot(page, 'identity-logged-out')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.goto(`/${ente.slug}/area-personale`, { waitUntil: 'networkidle' })
    assert.equal(new URL(page.url()).pathname, `/${ente.slug}/accedi`)
    assert.deepEqual(errors, [])
  })

  test('a refused answer shows the Italian error page, axe-clean', async ({ assert, cleanup }) => {
    const ente = await enteWithIdentity(['identity_fakecie'])
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())
    await playIdp(page)

    await page.goto(`/${ente.slug}/accedi`, { waitUntil: 'networkidle' })
    await page.getByRole('link', { name: 'Entra con CIE' }).click()
    await page.waitForURL(`${IDP_URL}/sso**`)
    // the IdP's page is sent twice: the second answer is a replay
    const replay = await page.content()
    await page.getByRole('button', { name: 'Invia la risposta' }).click()
    await page.waitForURL(`**/${ente.slug}/area-personale`)
    await page.setContent(replay)
    await page.getByRole('button', { name: 'Invia la risposta' }).click()
    await page.waitForLoadState('networkidle')

    assert.equal(await page.locator('h1').innerText(), 'Accesso non riuscito')
    assert.include(await page.getByRole('alert').innerText(), 'è già stata usata')
    await screenshot(page, 'identity-refused')
    assert.deepEqual(await accessibilityViolations(page), [])
    // still logged in (the replay changed nothing): "Accedi" goes on to the personal area
    assert.equal(
      await page.getByRole('button', { name: `${TEST_USER.name} ${TEST_USER.familyName}` }).count(),
      1
    )
    await page.getByRole('link', { name: 'Torna alla pagina di accesso' }).click()
    await page.waitForURL(`**/${ente.slug}/area-personale`)
    assert.deepEqual(
      errors.filter((error) => !error.includes('400')),
      []
    )
  })
})
