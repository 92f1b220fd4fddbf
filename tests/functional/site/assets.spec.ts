import { test } from '@japa/runner'

test.group('Site: served assets', () => {
  test('Bootstrap Italia comes from the app with a long cache and an ETag', async ({
    client,
    assert,
  }) => {
    const response = await client.get(
      '/assets/vendor/bootstrap-italia/css/bootstrap-italia.min.css'
    )

    response.assertStatus(200)
    response.assertHeader('content-type', 'text/css; charset=utf-8')
    assert.include(response.header('cache-control'), 'max-age=31536000')
    assert.isString(response.header('etag'))

    const again = await client
      .get('/assets/vendor/bootstrap-italia/css/bootstrap-italia.min.css')
      .header('if-none-match', response.header('etag')!)
    again.assertStatus(304)
  })

  // one by one: a typo in the whitelist would break every page's look
  for (const path of [
    '/assets/vendor/bootstrap-italia/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-600.woff2',
    '/assets/vendor/bootstrap-italia/svg/sprites.svg',
    '/assets/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js',
    '/assets/vendor/alpinejs/alpine-csp.min.js',
  ]) {
    test(`serves ${path}`, async ({ client }) => {
      const response = await client.get(path)
      response.assertStatus(200)
    })
  }

  test('nothing else in node_modules is reachable', async ({ client }) => {
    for (const path of [
      '/assets/vendor/bootstrap-italia/package.json',
      '/assets/vendor/bootstrap-italia/fonts/Lora/LICENSE.txt',
      '/assets/vendor/bootstrap-italia/fonts/Lora/..%2F..%2F..%2Fpackage.json',
      '/assets/vendor/alpinejs/cdn.js',
    ]) {
      const response = await client.get(path)
      response.assertStatus(404)
    }
  })
})
