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
import { ENTE } from './harness.js'

/**
 * The checkout page in a browser, as the app serves it under
 * /_sim/payment_plugandpay/ (Bootstrap Italia): a cart of two avvisi,
 * axe-clean, a wrong card refused next to its field with the number kept,
 * then paid with the test card and back through the plugin's return route.
 */
test.group('Plug&Pay checkout page in the browser', (group) => {
  const browser = useAppAndBrowser(group)

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
    assert.isTrue(session.redirectUrl.startsWith(`${APP_ORIGIN}/_sim/payment_plugandpay/pagamento`))

    const { context, page, pageErrors } = await openCheckout(browser(), session.redirectUrl)
    assert.deepEqual(await axeViolations(page), [])
    assert.isTrue(await page.getByText('Passo carrabile per Rossi Maria').isVisible())
    await screenshot(page, 'plugandpay-checkout')
    assert.include(await page.locator('tfoot').textContent(), '61,00', 'the total of the cart')

    const number = await payWithCard(page, '1111 2222 3333 4444', 'Paga')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.equal(await number.inputValue(), '1111 2222 3333 4444', 'the number typed is kept')
    assert.include(await page.locator('#carta-errore').textContent(), 'carta di prova')
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'plugandpay-checkout-error')

    const returned = await payAndReturnTo(
      page,
      '4242 4242 4242 4242',
      `${ente.baseUrl}/callbacks/payment_plugandpay/ritorno`,
      'Paga'
    )
    assert.equal(returned.searchParams.get('stato'), 'OK')
    assert.equal(returned.searchParams.get('ok'), `${ente.baseUrl}/pagamenti/esito`)
    await context.close()

    for (const position of positions) {
      const status = await adapter.getStatus(position)
      assert.equal(status.status, 'COMPLETE')
    }
    assert.deepEqual(pageErrors, [], 'no script or CSP error, no missing stylesheet, font, icon')
  })
})
