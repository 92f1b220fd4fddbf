import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PendingIdentityRequest from '#models/pending_identity_request'
import { TEST_USER } from '#extension_points/identity/testing'
import { sign, decode, type LogoutPayload } from '#tests/fixtures/plugins/identity_fake/wire'
import type { LogoutRequest } from '#extension_points/identity/contract'
import { enteWithIdentity, SHARED_SECRET, SPID_IDPS, useIdentityPlugins } from './fixtures.js'
import { deliver, idp, logIn, sessionAfter } from './helpers.js'

/** The fake IdP starts a logout: a signed LogoutRequest the browser posts to the SLO. */
function idpLogoutRequest(slo: string, who: { nameId?: string; sessionIndex?: string }) {
  const { message, signature } = sign({ id: '_idp-logout-1', ...who }, SHARED_SECRET)
  return {
    method: 'POST',
    url: slo,
    headers: {},
    query: {},
    body: { response: message, signature },
    rawBody: null,
  }
}

test.group('Identity: logout', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())

  test('"Esci" needs the CSRF token', async ({ client, assert }) => {
    const ente = await enteWithIdentity()
    const { response } = await logIn(client, ente)

    const refused = await client
      .post(`/${ente.slug}/area-personale/esci`)
      .withSession(sessionAfter(response))
      .redirects(0)

    assert.notEqual(refused.header('location'), `/${ente.slug}/`)
    assert.exists(refused.session('auth_citizen'), 'still logged in')
  })

  test('local logout (a plugin without single logout) ends the session here only', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakecie'])
    const { response: login } = await logIn(client, ente, { plugin: 'identity_fakecie', level: 3 })

    const response = await client
      .post(`/${ente.slug}/area-personale/esci`)
      .withSession(sessionAfter(login))
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/`)
    response.assertFlashMessage('success', "Sei uscito dall'area personale.")
    assert.isUndefined(response.session('auth_citizen'))
    assert.isUndefined(response.session('citizen_identity'))
    assert.lengthOf(await PendingIdentityRequest.forEnte(ente), 0)
  })

  test('remote logout: ends the session, goes to the IdP, and its answer finishes on /slo once', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const { response: login } = await logIn(client, ente)

    const response = await client
      .post(`/${ente.slug}/area-personale/esci`)
      .withSession(sessionAfter(login))
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const location = new URL(String(response.header('location')))
    assert.equal(location.origin + location.pathname, 'https://idp.example.test/slo')
    const request = decode<LogoutPayload>(location.searchParams.get('request')!)
    assert.equal(request.nameId, `nameid-${TEST_USER.fiscalNumber}`)
    assert.isUndefined(response.session('auth_citizen'), 'logged out before leaving')
    const pending = await PendingIdentityRequest.forEnte(ente).firstOrFail()
    assert.equal(pending.kind, 'logout')
    assert.equal(pending.returnTo, `/${ente.slug}/`)

    const logout: LogoutRequest = {
      kind: 'remote',
      requestId: request.id!,
      transport: { kind: 'redirect', url: location.href },
      data: {},
    }
    const answer = await idp.answerLogout!(logout)
    const done = await deliver(client, answer)
    done.assertStatus(302)
    done.assertHeader('location', `/${ente.slug}/`)
    done.assertFlashMessage('success', "Sei uscito dall'area personale.")

    const replay = await deliver(client, answer)
    replay.assertStatus(400)
    replay.assertTextIncludes('Uscita non confermata')
    replay.assertTextIncludes('Torna alla pagina di accesso')
  })

  test('an IdP-initiated logout ends the matching session and answers the IdP', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const { response: login, callback } = await logIn(client, ente, {
      plugin: 'identity_fakespid',
      query: `livello=2&idp=${encodeURIComponent(SPID_IDPS[1].id)}`,
    })
    const slo = callback.url.replace(/\/acs$/, '/slo')
    const identity = login.session('citizen_identity')

    const response = await deliver(
      client,
      idpLogoutRequest(slo, { nameId: identity.nameId, sessionIndex: identity.sessionIndex }),
      sessionAfter(login)
    )

    response.assertStatus(200)
    assert.isUndefined(response.session('auth_citizen'))
    assert.isUndefined(response.session('citizen_identity'))
    response.assertTextIncludes('action="https://idp.example.test/slo-done"')
    response.assertTextIncludes('x-data="autoSubmit"')
    response.assertHeader('cache-control', 'no-store')
  })

  test("an IdP-initiated logout for someone else's session leaves this one alone", async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const { response: login, callback } = await logIn(client, ente, {
      plugin: 'identity_fakespid',
      query: `livello=2&idp=${encodeURIComponent(SPID_IDPS[0].id)}`,
    })
    const slo = callback.url.replace(/\/acs$/, '/slo')

    const response = await deliver(
      client,
      idpLogoutRequest(slo, { nameId: 'nameid-ALTRACITTADINA' }),
      sessionAfter(login)
    )

    response.assertStatus(200)
    assert.equal(response.session('auth_citizen'), login.session('auth_citizen'))
  })

  test('a forged IdP-initiated logout is refused and ends nothing', async ({ client, assert }) => {
    const ente = await enteWithIdentity(['identity_fakespid'])
    const { response: login, callback } = await logIn(client, ente, {
      plugin: 'identity_fakespid',
      query: `livello=2&idp=${encodeURIComponent(SPID_IDPS[0].id)}`,
    })
    const forged = idpLogoutRequest(callback.url.replace(/\/acs$/, '/slo'), {})
    forged.body.signature = 'f'.repeat(64)

    const response = await deliver(client, forged, sessionAfter(login))

    response.assertStatus(400)
    assert.equal(response.session('auth_citizen'), login.session('auth_citizen'))
  })
})
