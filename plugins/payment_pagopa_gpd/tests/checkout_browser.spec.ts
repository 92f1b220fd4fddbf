import { createHash, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import type { PositionRef } from '#extension_points/payment/contract'
import {
  APP_ORIGIN as ORIGIN,
  axeViolations,
  openCheckout,
  payWithCard,
  screenshot,
  useAppAndBrowser,
} from '#extension_points/payment/kit/checkout_browser'
import { SIMULATED_TEMPLATE } from '../simulator/print_api.js'
import { adapterOver } from './helpers/checked_fetch.js'

/**
 * The simulator as the demo serves it, mounted in the app at
 * /_sim/payment_pagopa_gpd/, and its Checkout page in Debian's chromium:
 * WCAG 2.1 AA clean (axe) with and without errors, a wrong card kept with
 * its errors, then "Paga" back to the ente and the cart paid; a marca da
 * bollo named on the page and issued with the receipt.
 */
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
test.group('payment_pagopa_gpd Checkout page in a browser', (group) => {
  const browser = useAppAndBrowser(group)

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

    const { context, page, pageErrors: errors } = await openCheckout(browser(), session.redirectUrl)
    assert.equal(await page.locator('h1').textContent(), 'Paga con pagoPA')
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'payment_pagopa_gpd-checkout')

    await payWithCard(page, '4242 4242 4242 4243')
    assert.equal(
      await page.locator('#numeroCarta-error').textContent(),
      'Numero della carta non valido.'
    )
    assert.equal(await page.getByLabel('Numero della carta').inputValue(), '4242 4242 4242 4243')
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'payment_pagopa_gpd-checkout-errore')

    await payWithCard(page, '4242 4242 4242 4242')
    await page.waitForURL(SUCCESS_URL)
    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
    assert.deepEqual(errors, [], 'no CSP violation, script error or missing stylesheet, font, icon')
    await context.close()
  }).timeout(60_000)

  test('a marca da bollo digitale: named on the page, issued with the receipt', async ({
    assert,
  }) => {
    const { adapter } = await adapterOver(CONFIG)
    const documentHash = createHash('sha256').update(`istanza ${randomUUID()}`).digest('base64')
    const position = await adapter.createPosition({
      idempotencyKey: `pratica:${randomUUID()}:bollo:1`,
      payer: { fiscalCode: 'RSSMRA80A41H501Y', name: 'Maria Rossi', kind: 'person' },
      amountCents: 1600,
      description: 'Imposta di bollo sull’istanza di occupazione di suolo pubblico',
      stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
    })
    const session = await adapter.startPayment({
      positions: [position],
      returnUrls: { success: SUCCESS_URL, cancel: `${ORIGIN}/health?esito=annullato` },
    })

    const { context, page, pageErrors: errors } = await openCheckout(browser(), session.redirectUrl)
    await page.getByText('Marca da bollo digitale', { exact: true }).waitFor()
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'payment_pagopa_gpd-checkout-marca-da-bollo')

    await payWithCard(page, '4242 4242 4242 4242')
    await page.waitForURL(SUCCESS_URL)
    const receipt = await adapter.getReceipt(position)
    assert.equal(receipt?.stamp?.documentHash, documentHash)
    assert.match(receipt?.stamp?.iubd ?? '', /^\d{14}$/)
    assert.deepEqual(errors, [])
    await context.close()
  }).timeout(60_000)
})
