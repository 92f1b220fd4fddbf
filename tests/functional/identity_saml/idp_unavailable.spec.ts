import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { SPID_CONFIG, enteWithPlugins } from './helpers.js'

test.group('SPID: an IdP whose metadata cannot be had', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the citizen is sent back to "Accedi" with the reason, not to an error page', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithPlugins({
      // the AgID registry cannot be reached: no official IdP can be used
      identity_spid: { ...SPID_CONFIG, registryMetadataUrl: 'http://127.0.0.1:1/idps.xml' },
    })

    const response = await client
      .get(`/${ente.slug}/auth/identity_spid/login`)
      .qs({ livello: 2, idp: 'https://loginspid.aruba.it' })
      .redirects(0)

    response.assertStatus(302)
    assert.match(response.header('location') ?? '', new RegExp(`^/${ente.slug}/accedi`))
    const flashed = response.flashMessages().error as string
    assert.isString(flashed)
    assert.notInclude(flashed, 'http://127.0.0.1')
  })
})
