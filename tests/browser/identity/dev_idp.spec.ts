import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { PluginContracts } from '#plugin_runtime/plugin_contracts'
import { AGID_IDP_LIST_URL, AGID_REGISTRY_METADATA_URL } from '#plugins/identity_spid/config'
import { TenantPlugins } from '#plugin_runtime/tenant_plugins'
import { createSiteEnte } from '#tests/functional/site/fixtures'
import {
  accessibilityViolations,
  baseUrl,
  closeBrowser,
  openPage,
  screenshot,
} from '#tests/helpers/browser'
import { overrideEnv } from '#tests/helpers/env'

/**
 * The real thing, as in the demo: SPID (identity_spid) with the
 * platform's development IdP (identity_test_idp) in its list, SAML
 * end to end in the browser.
 */
async function enteWithSpidAndTestIdp() {
  const { ente } = await createSiteEnte()
  const contracts = await app.container.make(PluginContracts)
  await contracts.set(ente, ['identity_spid', 'identity_test_idp'])
  const settings = await app.container.make(TenantPlugins)
  await settings.configure(ente, 'identity_test_idp', { enabled: true, config: {} })
  await settings.configure(ente, 'identity_spid', {
    enabled: true,
    config: {
      contactEmail: 'urp@comune.prova.it',
      binding: 'post',
      registryMetadataUrl: AGID_REGISTRY_METADATA_URL,
      idpListUrl: AGID_IDP_LIST_URL,
      testIdp: true,
    },
  })
  return ente
}

test.group('Browser: citizen login through the development IdP', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  // the IdP and the SP reach each other at the URLs built from APP_URL
  group.each.setup(() => overrideEnv({ APP_URL: baseUrl() }))
  group.teardown(() => closeBrowser())

  test('a citizen logs in with SPID at level 2 through "IdP di test" and logs out', async ({
    assert,
    cleanup,
  }) => {
    const ente = await enteWithSpidAndTestIdp()
    const { page, context, errors } = await openPage()
    cleanup(() => context.close())

    await page.goto(`/${ente.slug}/accedi`, { waitUntil: 'networkidle' })
    await page.getByRole('button', { name: 'Entra con SPID' }).click()
    const testIdp = page.getByRole('link', { name: 'IdP di test' })
    await testIdp.waitFor()
    await page
      .locator('.spid-idp-menu')
      .evaluate((menu) => Promise.all(menu.getAnimations().map((animation) => animation.finished)))
    await screenshot(page, 'identity-dev-accedi-spid')
    assert.deepEqual(await accessibilityViolations(page), [])
    await testIdp.click()

    // the development IdP: pick a test citizen and the level
    await page.waitForURL('**/auth/identity_test_idp/idp/sso')
    await page.waitForLoadState('networkidle')
    assert.equal(await page.locator('h1').innerText(), 'Scegli l’utente di test')
    // Bootstrap Italia draws the radio on its label
    await page.locator('label', { hasText: 'Giulia Verdi' }).click()
    assert.isTrue(await page.getByLabel('Giulia Verdi').isChecked())
    await page.getByLabel('Livello di autenticazione').selectOption('2')
    await screenshot(page, 'identity-dev-idp')
    assert.deepEqual(await accessibilityViolations(page), [])
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()

    await page.waitForURL(`**/${ente.slug}/area-personale`)
    await page.waitForLoadState('networkidle')
    assert.include(await page.locator('main').innerText(), 'VRDGLI90L65F205P')
    await screenshot(page, 'identity-dev-idp-logged-in')
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.getByRole('button', { name: 'Giulia Verdi' }).click()
    await page.getByRole('button', { name: 'Logout' }).click()
    await page.waitForURL(`**/${ente.slug}/`)
    await page.waitForLoadState('networkidle')
    const statuses = await page.getByRole('status').allInnerTexts()
    assert.include(statuses.join(' '), "Sei uscito dall'area personale.")
    assert.deepEqual(await accessibilityViolations(page), [])

    await page.goto(`/${ente.slug}/area-personale`, { waitUntil: 'networkidle' })
    assert.equal(new URL(page.url()).pathname, `/${ente.slug}/accedi`)
    assert.deepEqual(errors, [])
  })
})
