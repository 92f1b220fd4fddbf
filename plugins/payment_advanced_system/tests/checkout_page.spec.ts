import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { chromium, type Browser, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { TEST_ENTE } from '#extension_points/conformance'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { startAdvancedSystem } from './harness.js'

/**
 * The cart's checkout page in a browser, as the app serves it under
 * /_sim/payment_advanced_system/ (Bootstrap Italia): axe-clean, a refused
 * card next to its field with the number kept, then paid and back to the
 * ente's success page.
 */
const origin = `http://localhost:${process.env.PORT ?? 3333}`
const ente = { ...TEST_ENTE, baseUrl: `${origin}/comune-di-prova` }

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`
  )
}

test.group('Advanced System checkout page in the browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    const close = await testUtils.httpServer().start()
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    await mkdir('tmp/screenshots', { recursive: true })
    return async () => {
      await browser.close()
      await close()
    }
  })

  test('pay a cart of three with the test card after a refused one', async ({ assert }) => {
    // the gateway's configuration, served here by the app's /_sim mount instead
    const { remote, config } = await startAdvancedSystem()
    await remote.stop()
    const { adapter } = await createTestAdapter({
      plugin,
      config: { ...config, baseUrl: undefined },
      ente,
    })
    const create = (description: string, amountCents: number) =>
      adapter.createPosition({
        idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
        payer: { ...TEST_PAYER },
        amountCents,
        description,
      })
    const positions = [
      await create('Diritti di segreteria', 1600),
      await create('Occupazione temporanea di suolo pubblico per trasloco', 1000),
      await create('Diritti di istruttoria', 500),
    ]
    const returnUrls = {
      success: `${ente.baseUrl}/pagamenti/esito`,
      cancel: `${ente.baseUrl}/pagamenti/annullato`,
    }
    const session = await adapter.startPayment({ positions, returnUrls })
    assert.isTrue(
      session.redirectUrl.startsWith(`${origin}/_sim/payment_advanced_system/checkout/`)
    )

    const context = await browser.newContext({
      locale: 'it-IT',
      viewport: { width: 1280, height: 900 },
    })
    const page = await context.newPage()
    await page.goto(session.redirectUrl, { waitUntil: 'networkidle' })
    assert.deepEqual(await axeViolations(page), [])
    assert.include(await page.locator('#totale').textContent(), '31,00')
    await page.screenshot({ path: 'tmp/screenshots/advanced-system-checkout.png', fullPage: true })

    const number = page.getByLabel('Numero della carta')
    await number.fill('1111 2222 3333 4444')
    await page.getByRole('button', { name: /^Paga/ }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.equal(await number.inputValue(), '1111 2222 3333 4444')
    assert.include(await page.locator('#carta-errore').textContent(), 'carta di prova')
    assert.deepEqual(await axeViolations(page), [])
    await page.screenshot({
      path: 'tmp/screenshots/advanced-system-checkout-error.png',
      fullPage: true,
    })

    await number.fill('4242 4242 4242 4242')
    const back = page.waitForRequest((request) => request.url().startsWith(returnUrls.success))
    await page.getByRole('button', { name: /^Paga/ }).click()
    await back
    await context.close()

    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
  })
})
