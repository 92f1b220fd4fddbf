import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { chromium, type Browser, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { TEST_ENTE } from '#extension_points/conformance'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import plugin from '../plugin.js'
import { ENTE } from './harness.js'

/**
 * The checkout page in a browser, as the app serves it under
 * /_sim/payment_plugandpay/ (Bootstrap Italia): a cart of two avvisi,
 * axe-clean, a wrong card refused next to its field with the number kept,
 * then paid with the test card and back through the plugin's return route.
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

test.group('Plug&Pay checkout page in the browser', (group) => {
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

  test('pay a cart of two with the test card after a refused one', async ({ assert }) => {
    const { adapter } = await createTestAdapter({
      plugin,
      config: {
        idApplicazione: ENTE.applicazione,
        codiceEnte: ENTE.codice,
        codiceServizio: ENTE.servizio,
        idGestionale: '07',
        codiceSegregazione: '01',
      },
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
      await create('Passo carrabile per Rossi Maria', 4500),
      await create('Diritti di segreteria', 1600),
    ]
    const session = await adapter.startPayment({
      positions,
      returnUrls: {
        success: `${ente.baseUrl}/pagamenti/esito`,
        cancel: `${ente.baseUrl}/pagamenti/annullato`,
      },
    })
    assert.isTrue(session.redirectUrl.startsWith(`${origin}/_sim/payment_plugandpay/pagamento`))

    const context = await browser.newContext({
      locale: 'it-IT',
      viewport: { width: 1280, height: 900 },
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(session.redirectUrl, { waitUntil: 'networkidle' })
    assert.deepEqual(await axeViolations(page), [])
    assert.isTrue(await page.getByText('Passo carrabile per Rossi Maria').isVisible())
    await page.screenshot({ path: 'tmp/screenshots/plugandpay-checkout.png', fullPage: true })
    assert.include(await page.locator('tfoot').textContent(), '61,00', 'the total of the cart')

    const number = page.getByLabel('Numero della carta')
    await number.fill('1111 2222 3333 4444')
    await page.getByRole('button', { name: 'Paga' }).click()
    await page.waitForLoadState('networkidle')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.equal(await number.inputValue(), '1111 2222 3333 4444', 'the number typed is kept')
    assert.include(await page.locator('#carta-errore').textContent(), 'carta di prova')
    assert.deepEqual(await axeViolations(page), [])
    await page.screenshot({ path: 'tmp/screenshots/plugandpay-checkout-error.png', fullPage: true })

    await number.fill('4242 4242 4242 4242')
    const back = page.waitForRequest((request) =>
      request.url().includes('/callbacks/payment_plugandpay/ritorno')
    )
    await page.getByRole('button', { name: 'Paga' }).click()
    const request = await back
    const returned = new URL(request.url())
    assert.equal(returned.searchParams.get('stato'), 'OK')
    assert.equal(returned.searchParams.get('ok'), `${ente.baseUrl}/pagamenti/esito`)
    await context.close()

    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
    assert.deepEqual(
      errors.filter((error) => !error.startsWith('Failed to load resource')),
      [],
      'no console errors but the statuses of the pages (the 422 of the refused card, the 404 of an ente that does not exist here)'
    )
  })
})
