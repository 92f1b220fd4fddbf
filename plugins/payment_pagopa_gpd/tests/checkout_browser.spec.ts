import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { AxeBuilder } from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { PositionRef } from '#extension_points/payment/contract'
import { SIMULATED_TEMPLATE } from '../simulator/print_api.js'
import { adapterOver } from './helpers/checked_fetch.js'

/**
 * The simulator as the demo serves it, mounted in the app at
 * /_sim/payment_pagopa_gpd/, and its Checkout page in Debian's chromium:
 * WCAG 2.1 AA clean (axe) with and without errors, a wrong card kept with
 * its errors, then "Paga" back to the ente and the cart paid.
 */
const ORIGIN = `http://localhost:${process.env.PORT ?? 3333}`
const ROOT = `${ORIGIN}/_sim/payment_pagopa_gpd`
const CONFIG = {
  auxDigit: '3',
  segregationCode: '48',
  iban: 'IT60X0542811101000000123456',
  defaultCategory: '9/0101108TS/',
  timeoutSeconds: 10,
  gpdBaseUrl: `${ROOT}/gpd/debt-positions-service/v1`,
  receiptsBaseUrl: `${ROOT}/gpd/payments-receipts-service/v1`,
  gpdSubscriptionKey: 'chiave-gpd-demo',
  checkoutBaseUrl: `${ROOT}/checkout/ec/v2`,
  checkoutSubscriptionKey: 'chiave-checkout-demo',
  printBaseUrl: `${ROOT}/print-payment-notice-service/external/v1`,
  printSubscriptionKey: 'chiave-stampa-demo',
  printTemplateId: SIMULATED_TEMPLATE.templateId,
}
const SUCCESS_URL = `${ORIGIN}/health?esito=ok`
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} -> ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`
  )
}

async function screenshot(page: Page, name: string) {
  const dir = app.makePath('tmp/screenshots')
  await mkdir(dir, { recursive: true })
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true })
}

test.group('payment_pagopa_gpd Checkout page in a browser', (group) => {
  let browser: Browser
  group.setup(async () => {
    const stopServer = await testUtils.httpServer().start()
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    })
    return async () => {
      await browser.close()
      await stopServer()
    }
  })

  test('a cart of two notices paid with the test card, through the app’s mount', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(CONFIG)
    const positions: PositionRef[] = []
    for (const [index, description] of [
      'Retta asilo nido, settembre',
      'Mensa scolastica, settembre',
    ].entries()) {
      positions.push(
        await adapter.createPosition({
          idempotencyKey: `pratica:${randomUUID()}:payment:${index}`,
          payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
          amountCents: 12000 + index * 3550,
          description,
        })
      )
    }
    const notice = await adapter.getNotice(positions[0])
    assert.equal(
      Buffer.from((notice.pdf as { content: Uint8Array }).content)
        .subarray(0, 5)
        .toString(),
      '%PDF-'
    )
    const session = await adapter.startPayment({
      positions,
      returnUrls: { success: SUCCESS_URL, cancel: `${ORIGIN}/health?esito=annullato` },
      payerEmail: 'maria.rossi@example.it',
    })
    assert.isTrue(session.redirectUrl.startsWith(`${ROOT}/checkout/c/`))

    const context = await browser.newContext({
      locale: 'it-IT',
      viewport: { width: 1280, height: 900 },
    })
    const page = await context.newPage()
    const errors: string[] = []
    // CSP violations and script errors; a page's status (422 for the form with errors) is not one
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        errors.push(message.text())
      }
    })
    page.on('response', (response) => {
      const kind = response.request().resourceType()
      if (kind !== 'document' && response.status() >= 400)
        errors.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(session.redirectUrl)
    assert.equal(await page.locator('h1').textContent(), 'Paga con pagoPA')
    assert.deepEqual(await violations(page), [])
    await screenshot(page, 'payment_pagopa_gpd-checkout')

    await page.getByLabel('Numero della carta').fill('4242 4242 4242 4243')
    await page.getByRole('button', { name: /^Paga/ }).click()
    await page.waitForLoadState()
    assert.equal(
      await page.locator('#numeroCarta-error').textContent(),
      'Numero della carta non valido.'
    )
    assert.equal(await page.getByLabel('Numero della carta').inputValue(), '4242 4242 4242 4243')
    assert.deepEqual(await violations(page), [])
    await screenshot(page, 'payment_pagopa_gpd-checkout-errore')

    await page.getByLabel('Numero della carta').fill('4242 4242 4242 4242')
    await page.getByRole('button', { name: /^Paga/ }).click()
    await page.waitForURL(SUCCESS_URL)
    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
    assert.deepEqual(errors, [], 'no CSP violation, script error or missing stylesheet, font, icon')
    await context.close()
  }).timeout(60_000)
})
