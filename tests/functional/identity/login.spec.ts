import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import PendingIdentityRequest from '#models/pending_identity_request'
import { TEST_USER } from '#extension_points/identity/testing'
import { IdentityCallbackError } from '#extension_points/identity/errors'
import { enteWithIdentity, useIdentityPlugins } from './fixtures.js'
import { deliver, idp, logIn, sessionAfter, startLogin } from './helpers.js'

const message = (reason: ConstructorParameters<typeof IdentityCallbackError>[0]) =>
  new IdentityCallbackError(reason).message

test.group('Identity: login through an identity plugin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => useIdentityPlugins())

  test('login sends the browser to the IdP and keeps the request server side', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const torna = `/${ente.slug}/servizi/permesso-ztl`

    const { url, request, relayState } = await startLogin(client, ente, {
      query: `livello=3&torna=${encodeURIComponent(torna)}`,
    })

    assert.equal(url.origin, 'https://idp.example.test')
    assert.equal(request.level, 3)
    assert.isFalse(request.forceAuthn)
    const pending = await PendingIdentityRequest.forEnte(ente).firstOrFail()
    assert.equal(pending.requestId, request.id)
    assert.equal(pending.pluginId, 'identity_fake')
    assert.equal(pending.kind, 'login')
    assert.equal(pending.level, 3)
    assert.equal(pending.returnTo, torna)
    assert.equal(pending.relayState, relayState)
    assert.isTrue(pending.expiresAt > DateTime.now().plus({ minutes: 10 }))
    // the RelayState is opaque: no URL, no path, nothing of the return page
    assert.match(relayState, /^[A-Za-z0-9_-]{32}$/)
    assert.notInclude(url.href, encodeURIComponent(torna))
    assert.notInclude(url.href, 'permesso-ztl')
  })

  test('the callback logs the citizen in at the asserted level and returns to the page asked', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const torna = `/${ente.slug}/servizi/permesso-ztl?passo=1`

    const { response } = await logIn(client, ente, {
      level: 2,
      query: `livello=2&torna=${encodeURIComponent(torna)}`,
    })

    response.assertStatus(302)
    response.assertHeader('location', torna)
    const citizen = await Citizen.forEnte(ente)
      .where('fiscal_code', TEST_USER.fiscalNumber)
      .firstOrFail()
    assert.equal(citizen.firstName, TEST_USER.name)
    assert.equal(response.session('auth_citizen'), citizen.id)
    assert.containsSubset(response.session('citizen_identity'), {
      enteId: ente.id,
      citizenId: citizen.id,
      pluginId: 'identity_fake',
      fiscalNumber: TEST_USER.fiscalNumber,
      level: 2,
      source: 'test',
      nameId: `nameid-${TEST_USER.fiscalNumber}`,
    })
    assert.lengthOf(await PendingIdentityRequest.forEnte(ente), 0, 'the request is used up')

    const area = await client
      .get(`/${ente.slug}/area-personale`)
      .withSession(sessionAfter(response))
    area.assertStatus(200)
    area.assertTextIncludes(`${TEST_USER.name} ${TEST_USER.familyName}`)
  })

  test('the login gets a fresh session id: one planted before it is worthless', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const { login } = await startLogin(client, ente, { query: 'livello=2' })
    const callback = await idp.answerLogin(login, { user: TEST_USER, level: 2 })

    const request = client
      .post(new URL(callback.url).pathname)
      .form(callback.body as object)
      .withSession({ planted: true })
      .redirects(0)
    const planted = request.sessionClient.sessionId
    const response = await request

    response.assertStatus(302)
    assert.notEqual(response.cookie('sdc-session')?.value, planted)
    assert.exists(response.session('auth_citizen'))
  })

  test('without a return page the citizen lands in the personal area', async ({ client }) => {
    const ente = await enteWithIdentity()

    const { response } = await logIn(client, ente)

    response.assertHeader('location', `/${ente.slug}/area-personale`)
  })

  test('a return page outside the ente is replaced by the personal area, never sent on', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const other = await enteWithIdentity()
    for (const torna of [
      'https://evil.example/phish',
      '//evil.example/phish',
      '/\\evil.example/phish',
      `/${other.slug}/area-personale`,
      `/${ente.slug}/../${other.slug}/area-personale`,
      `/${ente.slug}/auth/identity_fake/login`,
      'area-personale',
    ]) {
      const { response, url } = await logIn(client, ente, {
        query: `livello=2&torna=${encodeURIComponent(torna)}`,
      })
      response.assertHeader('location', `/${ente.slug}/area-personale`)
      assert.notInclude(url.href, 'evil')
    }
  })

  test('the same answer twice is refused the second time, and logs no one in', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const { callback, response: first } = await logIn(client, ente)
    first.assertStatus(302)

    const replay = await deliver(client, callback)

    replay.assertStatus(400)
    replay.assertTextIncludes('Accesso non riuscito')
    replay.assertTextIncludes(message('unknown_request'))
    replay.assertTextIncludes('Torna alla pagina di accesso')
    assert.isUndefined(replay.session('auth_citizen'))
    assert.isUndefined(replay.session('citizen_identity'))
  })

  test('an answer to an expired request is refused and the request is swept', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const { login } = await startLogin(client, ente, { query: 'livello=2' })
    await db
      .from('pending_identity_requests')
      .where('request_id', login.requestId)
      .update({ expires_at: DateTime.now().minus({ seconds: 1 }).toJSDate() })

    const response = await deliver(
      client,
      await idp.answerLogin(login, { user: TEST_USER, level: 2 })
    )

    response.assertStatus(400)
    assert.isUndefined(response.session('auth_citizen'))
    assert.isNull(await PendingIdentityRequest.findBy('request_id', login.requestId))
    assert.isNull(await Citizen.findBy('fiscal_code', TEST_USER.fiscalNumber))
  })

  test('starting a login sweeps the expired requests of any ente', async ({ client, assert }) => {
    const ente = await enteWithIdentity()
    const other = await enteWithIdentity()
    const { login: stale } = await startLogin(client, other, { query: 'livello=2' })
    const { login: fresh } = await startLogin(client, other, { query: 'livello=2' })
    await db
      .from('pending_identity_requests')
      .where('request_id', stale.requestId)
      .update({ expires_at: DateTime.now().minus({ minutes: 1 }).toJSDate() })

    await startLogin(client, ente, { query: 'livello=2' })

    const left = await db.from('pending_identity_requests').select('request_id')
    assert.notInclude(
      left.map((row) => row.request_id),
      stale.requestId
    )
    assert.include(
      left.map((row) => row.request_id),
      fresh.requestId
    )
  })

  test("an answer brought to another ente's ACS is refused there and still good at home", async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const other = await enteWithIdentity()
    const { login } = await startLogin(client, ente, { query: 'livello=2' })
    const callback = await idp.answerLogin(login, { user: TEST_USER, level: 2 })

    const elsewhere = await deliver(client, {
      ...callback,
      url: callback.url.replace(`/${ente.slug}/`, `/${other.slug}/`),
    })
    elsewhere.assertStatus(400)
    assert.isUndefined(elsewhere.session('auth_citizen'))
    assert.isNull(await Citizen.forEnte(other).where('fiscal_code', TEST_USER.fiscalNumber).first())

    const home = await deliver(client, callback)
    home.assertStatus(302)
  })

  test('KO answers: 400 with the Italian reason, nobody logged in', async ({ client, assert }) => {
    const ente = await enteWithIdentity()
    const cases = [
      {
        reason: 'level_too_low' as const,
        answer: async () => {
          const { login } = await startLogin(client, ente, { query: 'livello=3' })
          return idp.answerLogin(login, { user: TEST_USER, level: 2 })
        },
      },
      {
        reason: 'authn_failed' as const,
        answer: async () => {
          const { login } = await startLogin(client, ente)
          return idp.denyLogin(login)
        },
      },
      {
        reason: 'invalid_signature' as const,
        answer: async () => {
          const { login } = await startLogin(client, ente)
          return idp.tamper(await idp.answerLogin(login, { user: TEST_USER, level: 2 }))
        },
      },
    ]
    for (const { reason, answer } of cases) {
      const response = await deliver(client, await answer())
      response.assertStatus(400)
      response.assertTextIncludes(message(reason))
      assert.isUndefined(response.session('auth_citizen'), reason)
    }
    assert.lengthOf(await Citizen.forEnte(ente), 0)
  })

  test('a citizen already logged in who logs in again asks the IdP to re-authenticate', async ({
    client,
    assert,
  }) => {
    const ente = await enteWithIdentity()
    const { response } = await logIn(client, ente, { level: 1 })

    const { request } = await startLogin(client, ente, {
      query: 'livello=3',
      session: sessionAfter(response),
    })

    assert.isTrue(request.forceAuthn)
    assert.equal(request.level, 3)
  })
})
