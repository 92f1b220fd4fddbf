import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PendingIdentityRequest from '#models/pending_identity_request'
import { TEST_USER } from '#extension_points/identity/testing'
import { CITIZEN_LOGIN_LIMITS } from '#services/auth/throttles'
import { enteWithIdentity, useIdentityPlugins } from './fixtures.js'
import { deliver, idp, logIn, startLogin } from './helpers.js'

test.group('Identity: logins counted per address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())

  test('one login started too many answers 429 with the wait, and keeps no request', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    for (let started = 0; started < CITIZEN_LOGIN_LIMITS.starts.requests; started++) {
      const { response } = await startLogin(client, ente)
      response.assertStatus(302)
    }
    const pending = await PendingIdentityRequest.forEnte(ente)

    const refused = await client.get(`/${ente.slug}/auth/identity_fake/login`).redirects(0)

    refused.assertStatus(429)
    assert.match(
      refused.text(),
      /Troppi tentativi di accesso da questo indirizzo\. Riprova tra 10 minuti\./
    )
    assert.isAbove(Number(refused.header('retry-after')), 0)
    assert.lengthOf(await PendingIdentityRequest.forEnte(ente), pending.length)
  })

  test('after 20 refused IdP answers the address is heard no more, even with a good answer', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    for (let refused = 0; refused < CITIZEN_LOGIN_LIMITS.refusedAnswers.requests; refused++) {
      const { login } = await startLogin(client, ente)
      const forged = await idp.tamper(await idp.answerLogin(login, { user: TEST_USER, level: 2 }))
      const response = await deliver(client, forged)
      response.assertStatus(400)
    }

    const { response } = await logIn(client, ente)

    response.assertStatus(429)
    assert.match(response.text(), /Riprova tra 15 minuti/)
    assert.isUndefined(response.session('auth_citizen'))
  })

  test('good logins do not count against the address', async ({ client }) => {
    const ente = await enteWithIdentity()
    for (let login = 0; login < CITIZEN_LOGIN_LIMITS.refusedAnswers.requests + 1; login++) {
      const { response } = await logIn(client, ente)
      response.assertStatus(302)
    }
  })
})
