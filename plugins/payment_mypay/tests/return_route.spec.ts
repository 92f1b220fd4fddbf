import { test } from '@japa/runner'
import type { PluginContext } from '#extension_points/define_plugin'
import { arriveAt } from '#extension_points/payment/kit/testing_kit'
import { TEST_ENTE } from '#extension_points/conformance'
import type { MyPayConfig } from '../config.js'
import { returnRoute, returnUrl } from '../return_route.js'

/**
 * The way back from MyPay's checkout: MyPay adds idSession and esito to the
 * one address it was given; the route sends the browser to the platform's
 * address for that outcome, never outside the ente's site.
 */
const context = {
  ente: TEST_ENTE,
  routeUrl: (path: string) => `${TEST_ENTE.baseUrl}/callbacks/payment_mypay${path}`,
} as unknown as PluginContext<MyPayConfig>
const urls = {
  success: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=ok`,
  cancel: `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=annullato`,
}

/** What MyPay does with the back URL (LandingController): the outcome added as query parameters. */
function backFromMyPay(backUrl: string, esito: string) {
  const url = new URL(backUrl)
  url.searchParams.set('idSession', 'abc-1')
  url.searchParams.set('esito', esito)
  return url
}

function follow(url: URL) {
  return arriveAt(returnRoute, url.toString(), context)
}

test.group('MyPay checkout return', () => {
  test('OK goes to the success page, anything else to the cancel page', async ({ assert }) => {
    const backUrl = returnUrl(context.routeUrl, urls)
    assert.isTrue(backUrl.startsWith(`${TEST_ENTE.baseUrl}/callbacks/payment_mypay/ritorno?`))
    assert.deepEqual(await follow(backFromMyPay(backUrl, 'OK')), { redirect: urls.success })
    assert.deepEqual(await follow(backFromMyPay(backUrl, 'ERROR')), { redirect: urls.cancel })
  })

  test('an error page, when the platform gives one, takes the failures', async ({ assert }) => {
    const error = `${TEST_ENTE.baseUrl}/area-personale/pagamenti/esito?stato=errore`
    const backUrl = returnUrl(context.routeUrl, { ...urls, error })
    assert.deepEqual(await follow(backFromMyPay(backUrl, 'ERROR')), { redirect: error })
  })

  test('never sends the browser outside the ente', async ({ assert }) => {
    for (const elsewhere of [
      'https://evil.example/phishing',
      `${new URL(TEST_ENTE.baseUrl).origin}/comune-di-altro/area-personale`,
      'javascript:alert(1)',
      '//evil.example',
    ]) {
      const backUrl = returnUrl(context.routeUrl, { success: elsewhere, cancel: elsewhere })
      const answer = await follow(backFromMyPay(backUrl, 'OK'))
      assert.equal(answer.status, 400, elsewhere)
    }
  })
})
