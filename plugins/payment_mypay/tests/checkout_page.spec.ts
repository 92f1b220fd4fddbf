import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { chromium, type Browser, type Page } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import { TEST_ENTE } from '#extension_points/conformance'
import plugin from '../plugin.js'
import { registerEnte } from '../simulator/store.js'

/**
 * The checkout page in a browser, as the app serves it under
 * /_sim/payment_mypay/ (with Bootstrap Italia): axe-clean, an error next to
 * its field with the rest kept, then paid with the test card and back to
 * the ente through the plugin's return route.
 */
const origin = `http://localhost:${process.env.PORT ?? 3333}`
const codIpaEnte = `c_b${randomBytes(4).toString('hex')}`
const ente = {
  ...TEST_ENTE,
  codiceIpa: codIpaEnte,
  codiceFiscale: String(randomInt(10_000_000_000, 99_999_999_999)),
  baseUrl: `${origin}/comune-di-prova`,
}
const password = 'Segreta.2026'

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`
  )
}

test.group('MyPay checkout page in the browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    const close = await testUtils.httpServer().start()
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox'],
    })
    await mkdir('tmp/screenshots', { recursive: true })
    await registerEnte({
      codIpaEnte,
      codiceFiscale: ente.codiceFiscale,
      name: 'Comune di Prova',
      password,
      tipiDovuto: ['DIRITTI_SEGRETERIA'],
      segregationCode: '01',
      pushUrl: null,
      jwtSecret: null,
      jwtKid: null,
      jwtClientId: null,
      jwtClientMail: null,
    })
    return async () => {
      await browser.close()
      await close()
    }
  })

  test('pay with the test card after fixing a wrong number', async ({ assert }) => {
    const { adapter } = await createTestAdapter({
      plugin,
      config: {
        password,
        tipoDovuto: 'DIRITTI_SEGRETERIA',
        baseUrl: `${origin}/_sim/payment_mypay`,
      },
      ente,
    })
    const position = await adapter.createPosition({
      idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
      payer: { ...TEST_PAYER },
      amountCents: 100,
      description: 'Passo carrabile per Rossi Maria',
      taxonomy: '9/0101108TS/',
    })
    const session = await adapter.startPayment({
      positions: [position],
      returnUrls: {
        success: `${ente.baseUrl}/pagamenti/esito`,
        cancel: `${ente.baseUrl}/pagamenti/annullato`,
      },
    })

    const context = await browser.newContext({
      locale: 'it-IT',
      viewport: { width: 1280, height: 900 },
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    await page.goto(session.redirectUrl, { waitUntil: 'networkidle' })
    assert.deepEqual(await axeViolations(page), [])
    assert.equal(await page.getByLabel('Numero della carta').inputValue(), '4000 0000 0000 0119')
    assert.isTrue(await page.getByText('Passo carrabile per Rossi Maria').isVisible())
    await page.screenshot({ path: 'tmp/screenshots/mypay-checkout.png', fullPage: true })

    await page.getByLabel('Numero della carta').fill('4111 1111 1111 1111')
    await page.getByRole('button', { name: 'Paga 1,45 €' }).click()
    await page.waitForLoadState('networkidle')
    const number = page.getByLabel('Numero della carta')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.include(await page.locator('#numero-errore').textContent(), 'carte di test')
    assert.equal(
      await page.getByLabel('Titolare della carta').inputValue(),
      'Maria Rossi',
      'the rest is kept'
    )
    assert.deepEqual(await axeViolations(page), [])
    await page.screenshot({ path: 'tmp/screenshots/mypay-checkout-error.png', fullPage: true })

    await number.fill('4000 0000 0000 0119')
    const back = page.waitForRequest((request) =>
      request.url().includes('/callbacks/payment_mypay/ritorno')
    )
    await page.getByRole('button', { name: 'Paga 1,45 €' }).click()
    const request = await back
    const returned = new URL(request.url())
    assert.equal(returned.searchParams.get('esito'), 'OK')
    assert.equal(returned.searchParams.get('ok'), `${ente.baseUrl}/pagamenti/esito`)
    await context.close()

    const status = await adapter.getStatus(position)
    assert.equal(status.status, 'COMPLETE')
    assert.deepEqual(
      errors.filter((error) => !error.startsWith('Failed to load resource')),
      [],
      'no console errors but the statuses of the pages (the 422 of the form with an error, the 404 of an ente that does not exist here)'
    )
  })
})
