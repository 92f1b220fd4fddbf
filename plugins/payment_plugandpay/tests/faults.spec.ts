import { test } from '@japa/runner'
import { TEST_ENTE, rejection } from '#extension_points/conformance'
import { RemoteConfigurationError, RemoteUnavailableError } from '#extension_points/payment/errors'
import { TEST_PAYER, createTestAdapter } from '#extension_points/payment/testing'
import {
  TEST_RETURN_URLS,
  arriveAt,
  newTestPosition,
  refOf,
  statusOf,
} from '#extension_points/payment/kit/testing_kit'
import plugin from '../plugin.js'
import { returnRoute } from '../return_route.js'
import { clearFaults, injectFault } from '../simulator/faults.js'
import { countPosizioni } from '../simulator/store.js'
import { checkout, payOnCheckout, startPlugAndPay } from './harness.js'

/**
 * Plug&Pay failing the way remotes fail: a 500, an answer after the
 * timeout, the citizen coming back twice, the checkout submitted twice,
 * the platform restarting between the redirect and the return. No payment
 * is lost or doubled.
 */
test.group('Plug&Pay faults', (group) => {
  let pnp: Awaited<ReturnType<typeof startPlugAndPay>>
  const adapter = (overrides: Record<string, unknown> = {}) =>
    createTestAdapter({ plugin, config: { ...pnp.config, ...overrides } }).then(
      (built) => built.adapter
    )

  group.setup(async () => {
    pnp = await startPlugAndPay()
    return () => pnp.remote.stop()
  })
  group.each.setup(() => clearFaults())

  test('Plug&Pay answers 500: the creation is retryable and the retry loads one position', async ({
    assert,
  }) => {
    const flaky = await adapter()
    const before = await countPosizioni()
    injectFault('errore500')
    const error = await rejection(
      newTestPosition(flaky, 'guasti-500'),
      RemoteUnavailableError,
      'creation on a 500'
    )
    assert.isTrue(error.retryable)
    assert.equal(await countPosizioni(), before, 'a 500 did nothing')

    const created = await newTestPosition(flaky, 'guasti-500')
    assert.equal(created.status, 'PAYMENT_PENDING')
    assert.equal(await countPosizioni(), before + 1)
  })

  test('Plug&Pay answers after the timeout: retryable, and the retry finds the position it loaded (IuvNonUnivoco)', async ({
    assert,
  }) => {
    const impatient = await adapter({ timeoutMs: 200 })
    const before = await countPosizioni()
    injectFault('timeout', { delayMs: 600 })
    await rejection(
      newTestPosition(impatient, 'guasti-timeout'),
      RemoteUnavailableError,
      'creation timing out'
    )
    await new Promise((resolve) => setTimeout(resolve, 700))
    assert.equal(await countPosizioni(), before + 1, 'Plug&Pay loaded the position all the same')

    const retried = await newTestPosition(impatient, 'guasti-timeout')
    assert.equal(retried.status, 'PAYMENT_PENDING')
    assert.equal(await countPosizioni(), before + 1, 'the retry loaded no second one')
  })

  test('two workers create the same position at once: one position', async ({ assert }) => {
    const [one, two] = await Promise.all([adapter(), adapter()])
    const before = await countPosizioni()
    const [first, second] = await Promise.all([
      newTestPosition(one, 'guasti-concorrenti'),
      newTestPosition(two, 'guasti-concorrenti'),
    ])
    assert.equal(second.iuv, first.iuv)
    assert.equal(await countPosizioni(), before + 1)
  })

  test('a status check Plug&Pay answers 500 is retryable, not a verdict', async ({ assert }) => {
    const checker = await adapter()
    const position = await newTestPosition(checker)
    injectFault('errore500')
    await rejection(checker.getStatus(refOf(position)), RemoteUnavailableError, 'status on a 500')
    assert.equal(await statusOf(checker, position), 'PAYMENT_PENDING')
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
    const position = await newTestPosition(twice)
    const session = await twice.startPayment({
      positions: [refOf(position)],
      returnUrls: TEST_RETURN_URLS,
    })
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
    const position = await newTestPosition(before)
    const session = await before.startPayment({
      positions: [refOf(position)],
      returnUrls: TEST_RETURN_URLS,
    })
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
    const position = await newTestPosition(refused)
    const session = await refused.startPayment({
      positions: [refOf(position)],
      returnUrls: TEST_RETURN_URLS,
    })
    const url = new URL(session.redirectUrl)
    const page = await fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        idTransazione: url.searchParams.get('idTransazione')!,
        azione: 'paga',
        carta: '1111 2222 3333 4444',
      }),
    })
    assert.equal(page.status, 422)
    const html = await page.text()
    assert.include(html, 'La carta non è stata accettata')
    assert.include(html, 'value="1111 2222 3333 4444"')
    assert.equal(await statusOf(refused, position), 'PAYMENT_PENDING')

    await payOnCheckout(session.redirectUrl, 'paid')
    assert.equal(await statusOf(refused, position), 'COMPLETE')
  })

  test('an address that is not Plug&Pay’s is a configuration error, not a retry', async () => {
    const misconfigured = await adapter({ endpointFeed: `${pnp.remote.url}/Feed/Altro.svc` })
    await rejection(newTestPosition(misconfigured), RemoteConfigurationError, 'a wrong address')
  })
})
