import { test } from '@japa/runner'
import { TEST_ENTE, rejection } from '#extension_points/conformance'
import { RemoteConfigurationError } from '#extension_points/payment/errors'
import { TEST_PAYER } from '#extension_points/payment/testing'
import {
  TEST_RETURN_URLS,
  arriveAt,
  newTestPosition,
  positionAtCheckout,
  refOf,
  statusOf,
} from '#extension_points/payment/kit/testing_kit'
import { creationFaultTests, faultTestFixture } from '#extension_points/payment/kit/fault_tests'
import plugin from '../plugin.js'
import { returnRoute } from '../return_route.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { countPosizioni } from '../simulator/store.js'
import { checkout, payOnCheckout, startPlugAndPay, submitOnCheckout } from './harness.js'

/**
 * Plug&Pay failing the way remotes fail: a 500, an answer after the
 * timeout, the citizen coming back twice, the checkout submitted twice,
 * the platform restarting between the redirect and the return. No payment
 * is lost or doubled.
 */
test.group('Plug&Pay faults', (group) => {
  const { adapter, remote } = faultTestFixture(group, {
    plugin,
    start: startPlugAndPay,
    clearFaults,
  })
  creationFaultTests(test, {
    remote: 'Plug&Pay',
    adapter,
    countPositions: countPosizioni,
    injectFault,
  })

  test('GeneratorPdf answers 500: the notice comes without Plug&Pay’s PDF (the core renders one); then with it', async ({
    assert,
  }) => {
    const printing = await adapter()
    const position = await newTestPosition(printing)
    injectFault('errore500')
    const without = await printing.getNotice(refOf(position))
    assert.isNull(without.pdf)
    assert.equal(without.noticeCode, position.noticeCode)

    const withPdf = await printing.getNotice(refOf(position))
    assert.ok(withPdf.pdf && 'content' in withPdf.pdf, 'the avviso as bytes')
    const content = Buffer.from((withPdf.pdf as { content: Uint8Array }).content)
    assert.equal(content.subarray(0, 5).toString('latin1'), '%PDF-')
  })

  test('the citizen comes back twice and submits the checkout twice: one payment, one receipt', async ({
    assert,
  }) => {
    const twice = await adapter()
    const { position, session } = await positionAtCheckout(twice)
    const back = await payOnCheckout(session.redirectUrl, 'paid')
    const url = new URL(session.redirectUrl)
    const again = await fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        idTransazione: url.searchParams.get('idTransazione')!,
        azione: 'paga',
        carta: '4242 4242 4242 4242',
      }),
    })
    assert.include(await again.text(), 'Questa transazione di pagamento è conclusa')

    assert.deepEqual(await arriveAt(returnRoute, back), { redirect: TEST_RETURN_URLS.success })
    assert.deepEqual(await arriveAt(returnRoute, back), { redirect: TEST_RETURN_URLS.success })
    const receipt = await twice.getReceipt(refOf(position))
    const receiptAgain = await twice.getReceipt(refOf(position))
    assert.equal(receipt?.amountCents, 2500)
    assert.equal(receiptAgain?.receiptId, receipt?.receiptId)
  })

  test('the citizen leaves the checkout: back to the cancel page, the position still payable', async ({
    assert,
  }) => {
    const leaving = await adapter()
    const position = await newTestPosition(leaving)
    assert.equal(await checkout(leaving, [position], 'cancelled'), TEST_RETURN_URLS.cancel)
    assert.equal(await statusOf(leaving, position), 'PAYMENT_PENDING')
  })

  test('the return route sends the browser only into the ente’s site', async ({ assert }) => {
    const outside = new URL(`${TEST_ENTE.baseUrl}/callbacks/payment_plugandpay/ritorno`)
    outside.searchParams.set('ok', 'https://phishing.example/pagato')
    outside.searchParams.set('stato', 'OK')
    const answer = await arriveAt(returnRoute, outside.toString())
    assert.equal((answer as { status: number }).status, 400)
  })

  test('the platform restarts between the redirect and the return: a new adapter sees the payment', async ({
    assert,
  }) => {
    const before = await adapter()
    const { position, session } = await positionAtCheckout(before)
    const back = await payOnCheckout(session.redirectUrl, 'paid')
    assert.equal(new URL(back).searchParams.get('stato'), 'OK')

    const after = await adapter()
    const status = await after.getStatus(refOf(position))
    assert.equal(status.status, 'COMPLETE')
    assert.equal(status.amountPaidCents, 2500)
    assert.instanceOf(status.paidAt, Date)
    const receipt = await after.getReceipt(refOf(position))
    assert.equal(receipt?.payerFiscalCode, TEST_PAYER.fiscalCode)
  })

  test('a refused card keeps the citizen on the page with the error and the number typed', async ({
    assert,
  }) => {
    const refused = await adapter()
    const { position, session } = await positionAtCheckout(refused)
    const page = await submitOnCheckout(session.redirectUrl, 'paid', '1111 2222 3333 4444')
    assert.equal(page.status, 422)
    const html = await page.text()
    assert.include(html, 'La carta non è stata accettata')
    assert.include(html, 'value="1111 2222 3333 4444"')
    assert.equal(await statusOf(refused, position), 'PAYMENT_PENDING')

    await payOnCheckout(session.redirectUrl, 'paid')
    assert.equal(await statusOf(refused, position), 'COMPLETE')
  })

  test('an address that is not Plug&Pay’s is a configuration error, not a retry', async () => {
    const misconfigured = await adapter({ endpointFeed: `${remote().url}/Feed/Altro.svc` })
    await rejection(newTestPosition(misconfigured), RemoteConfigurationError, 'a wrong address')
  })
})
