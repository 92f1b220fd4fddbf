import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import {
  APP_ORIGIN,
  BROWSER_ENTE as ente,
  axeViolations,
  openCheckout,
  payAndReturnTo,
  payWithCard,
  screenshot,
  useAppAndBrowser,
} from '#extension_points/payment/kit/checkout_browser'
import plugin from '../plugin.js'
import { startAdvancedSystem } from './harness.js'

/**
 * The cart's checkout page in a browser, as the app serves it under
 * /_sim/payment_advanced_system/ (Bootstrap Italia): axe-clean, a refused
 * card next to its field with the number kept, then paid and back to the
 * ente's success page.
 */
test.group('Advanced System checkout page in the browser', (group) => {
  const browser = useAppAndBrowser(group)

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
      session.redirectUrl.startsWith(`${APP_ORIGIN}/_sim/payment_advanced_system/checkout/`)
    )

    const { context, page, pageErrors } = await openCheckout(browser(), session.redirectUrl)
    assert.deepEqual(await axeViolations(page), [])
    assert.include(await page.locator('#totale').textContent(), '31,00')
    await screenshot(page, 'advanced-system-checkout')

    const number = await payWithCard(page, '1111 2222 3333 4444')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.equal(await number.inputValue(), '1111 2222 3333 4444')
    assert.include(await page.locator('#carta-errore').textContent(), 'carta di prova')
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'advanced-system-checkout-error')

    await payAndReturnTo(page, '4242 4242 4242 4242', returnUrls.success)
    await context.close()
    assert.deepEqual(pageErrors, [], 'no script or CSP error, no missing stylesheet, font, icon')

    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
  })
})
