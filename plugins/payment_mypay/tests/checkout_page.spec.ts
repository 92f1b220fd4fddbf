import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { createTestAdapter, TEST_PAYER } from '#extension_points/payment/testing'
import {
  APP_ORIGIN as origin,
  BROWSER_ENTE,
  axeViolations,
  openCheckout,
  payAndReturnTo,
  payWithCard,
  screenshot,
  useAppAndBrowser,
} from '#extension_points/payment/kit/checkout_browser'
import plugin from '../plugin.js'
import { registerEnte } from '../simulator/store.js'

/**
 * The checkout page in a browser, as the app serves it under
 * /_sim/payment_mypay/ (with Bootstrap Italia): axe-clean, an error next to
 * its field with the rest kept, then paid with the test card and back to
 * the ente through the plugin's return route.
 */
const codIpaEnte = `c_b${randomBytes(4).toString('hex')}`
const ente = {
  ...BROWSER_ENTE,
  codiceIpa: codIpaEnte,
  codiceFiscale: String(randomInt(10_000_000_000, 99_999_999_999)),
}
const password = 'Segreta.2026'
const returnUrls = {
  success: `${ente.baseUrl}/pagamenti/esito`,
  cancel: `${ente.baseUrl}/pagamenti/annullato`,
}

function testAdapter() {
  return createTestAdapter({
    plugin,
    config: { password, tipoDovuto: 'DIRITTI_SEGRETERIA', baseUrl: `${origin}/_sim/payment_mypay` },
    ente,
  })
}

test.group('MyPay checkout page in the browser', (group) => {
  const browser = useAppAndBrowser(group)
  group.setup(async () => {
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
  })

  test('pay with the test card after fixing a wrong number', async ({ assert }) => {
    const { adapter } = await testAdapter()
    const position = await adapter.createPosition({
      idempotencyKey: `pratica:${randomUUID()}:pagamento:1`,
      payer: { ...TEST_PAYER },
      amountCents: 100,
      description: 'Passo carrabile per Rossi Maria',
      taxonomy: '9/0101108TS/',
    })
    const session = await adapter.startPayment({ positions: [position], returnUrls })

    const { context, page, pageErrors } = await openCheckout(browser(), session.redirectUrl)
    assert.deepEqual(await axeViolations(page), [])
    assert.equal(await page.getByLabel('Numero della carta').inputValue(), '4000 0000 0000 0119')
    assert.isTrue(await page.getByText('Passo carrabile per Rossi Maria').isVisible())
    await screenshot(page, 'mypay-checkout')

    const number = await payWithCard(page, '4111 1111 1111 1111', 'Paga 1,45 €')
    assert.equal(await number.getAttribute('aria-invalid'), 'true')
    assert.include(await page.locator('#numero-errore').textContent(), 'carte di test')
    assert.equal(
      await page.getByLabel('Titolare della carta').inputValue(),
      'Maria Rossi',
      'the rest is kept'
    )
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'mypay-checkout-error')

    const returned = await payAndReturnTo(
      page,
      '4000 0000 0000 0119',
      `${ente.baseUrl}/callbacks/payment_mypay/ritorno`,
      'Paga 1,45 €'
    )
    assert.equal(returned.searchParams.get('esito'), 'OK')
    assert.equal(returned.searchParams.get('ok'), `${ente.baseUrl}/pagamenti/esito`)
    await context.close()

    const status = await adapter.getStatus(position)
    assert.equal(status.status, 'COMPLETE')
    assert.deepEqual(pageErrors, [], 'no script or CSP error, no missing stylesheet, font, icon')
  })

  test('a marca da bollo digitale: named on the page with its document, paid with the test card', async ({
    assert,
  }) => {
    const { adapter } = await testAdapter()
    const documentHash = createHash('sha256').update(`istanza ${randomUUID()}`).digest('base64')
    const stamp = await adapter.createPosition({
      idempotencyKey: `pratica:${randomUUID()}:bollo:1`,
      payer: { ...TEST_PAYER },
      amountCents: 1600,
      description: 'Imposta di bollo sull’istanza di Rossi Maria',
      taxonomy: '9/0101108TS/',
      stamp: { documentHash, hashAlgorithm: 'sha256', province: 'PI' },
    })
    const session = await adapter.startPayment({ positions: [stamp], returnUrls })

    const { context, page, pageErrors } = await openCheckout(browser(), session.redirectUrl)
    assert.isTrue(
      await page.getByRole('heading', { name: 'Marca da bollo digitale da pagare' }).isVisible()
    )
    assert.isTrue(await page.getByText(documentHash).isVisible())
    assert.deepEqual(await axeViolations(page), [])
    await screenshot(page, 'mypay-checkout-marca-da-bollo')

    const returned = await payAndReturnTo(
      page,
      '4000 0000 0000 0119',
      `${ente.baseUrl}/callbacks/payment_mypay/ritorno`,
      'Paga 16,45 €'
    )
    assert.equal(returned.searchParams.get('esito'), 'OK')
    await context.close()

    const receipt = await adapter.getReceipt(stamp)
    assert.equal(receipt?.stamp?.documentHash, documentHash)
    assert.deepEqual(pageErrors, [], 'no script or CSP error, no missing stylesheet, font, icon')
  })
})
