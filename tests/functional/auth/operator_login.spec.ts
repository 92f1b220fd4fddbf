import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import User from '#models/user'
import { auditEntries, clearRateLimits } from './helpers.js'

test.group('Operator login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('an operator logs in with username and password and lands on the backoffice', async ({
    client,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const response = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/backoffice`)
  })

  test('a wrong password is refused with a message and no session', async ({ client, assert }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const response = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username, password: 'sbagliata' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('errors', { login: 'Username o password non corretti.' })
    assert.notProperty(response.session(), 'auth_web')
  })

  test('a disabled operator cannot log in', async ({ client }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.apply('disabled').merge({ enteId: ente.id }).create()

    const response = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: operator.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage('errors', {
      login: 'Il tuo account è disabilitato: rivolgiti al manager del tuo ufficio.',
    })
  })

  test("an operator of another ente cannot log in at this ente's door", async ({ client }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const stranger = await UserFactory.merge({ enteId: other.id }).create()

    const response = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: stranger.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage('errors', { login: 'Username o password non corretti.' })
  })

  test('the backoffice sends a visitor to the login page', async ({ client }) => {
    const ente = await EnteFactory.create()
    const response = await client.get(`/${ente.slug}/backoffice`).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/operatori/login`)
  })

  test("another ente's operator gets 404 in this backoffice, its own operator the page", async ({
    client,
  }) => {
    const [ente, other] = await EnteFactory.createMany(2)
    const stranger = await UserFactory.merge({ enteId: other.id }).create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    const denied = await client.get(`/${ente.slug}/backoffice`).loginAs(stranger)
    denied.assertStatus(404)
    denied.assertTextIncludes('Pagina non trovata')

    const allowed = await client.get(`/${ente.slug}/backoffice`).loginAs(operator)
    allowed.assertStatus(200)
    allowed.assertTextIncludes('Elenco pratiche')
  })

  test('a disabled operator is logged out at the next request', async ({ client }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.apply('disabled').merge({ enteId: ente.id }).create()

    const response = await client.get(`/${ente.slug}/backoffice`).loginAs(operator).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/operatori/login`)
  })

  test('platform admins log in at /admin, not at an ente', async ({ client }) => {
    const ente = await EnteFactory.create()
    const admin = await UserFactory.apply('platformAdmin').create()

    const atEnte = await client
      .post(`/${ente.slug}/operatori/login`)
      .form({ username: admin.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    atEnte.assertFlashMessage('errors', { login: 'Username o password non corretti.' })

    const atAdmin = await client
      .post('/admin/login')
      .form({ username: admin.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    atAdmin.assertHeader('location', '/admin')
  })

  test('the session id changes at login (session fixation)', async ({ client, assert }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const login = () => client.post(`/${ente.slug}/operatori/login`).withCsrfToken().redirects(0)

    // the client brings a session id of its own (the one an attacker would plant)
    const failed = login().form({ username: operator.username, password: 'sbagliata' })
    const failedResponse = await failed
    const failedRequestId = failedResponse.cookie('sdc-session')?.value
    assert.equal(failedRequestId, failed.sessionClient.sessionId, 'a failed login keeps the id')

    const ok = login().form({ username: operator.username, password: TEST_PASSWORD })
    const response = await ok
    const after = response.cookie('sdc-session')?.value
    assert.isString(after)
    assert.notEqual(after, ok.sessionClient.sessionId)
    assert.equal(response.session('auth_web'), operator.id)
  })

  test('logins are audited: success and failure, with the username tried, address and browser', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    await client
      .post(`/${ente.slug}/operatori/login`)
      .header('user-agent', 'Prova/1.0')
      .form({ username: 'chi.sara', password: 'sbagliata' })
      .withCsrfToken()
      .redirects(0)
    await client
      .post(`/${ente.slug}/operatori/login`)
      .header('user-agent', 'Prova/1.0')
      .form({ username: operator.username, password: TEST_PASSWORD, remember: 'true' })
      .withCsrfToken()
      .redirects(0)

    const [failed] = await auditEntries('login_failed')
    assert.equal(failed.enteId, ente.id)
    assert.isNull(failed.actorId)
    assert.deepEqual(failed.metadata, { username: 'chi.sara', reason: 'invalid' })
    assert.equal(failed.userAgent, 'Prova/1.0')
    assert.isString(failed.ip)

    const [succeeded] = await auditEntries('login_succeeded')
    assert.equal(succeeded.enteId, ente.id)
    assert.equal(succeeded.actorId, operator.id)
    assert.equal(succeeded.subjectType, 'user')
    assert.equal(succeeded.subjectId, String(operator.id))
    assert.equal(succeeded.actorLabel, `${operator.fullName} (${operator.username})`)
    assert.deepEqual(succeeded.metadata, { remember: true })
    const user = await User.findOrFail(operator.id)
    assert.isNotNull(user.lastLoginAt)
  })

  test("platform admins' logins are audited with no ente; a disabled one is refused", async ({
    client,
    assert,
  }) => {
    const admin = await UserFactory.apply('platformAdmin').create()
    const disabled = await UserFactory.apply('platformAdmin').apply('disabled').create()
    const login = (username: string) =>
      client
        .post('/admin/login')
        .form({ username, password: TEST_PASSWORD })
        .withCsrfToken()
        .redirects(0)

    const ok = await login(admin.username)
    ok.assertHeader('location', '/admin')
    const refused = await login(disabled.username)
    refused.assertFlashMessage('errors', { login: 'Username o password non corretti.' })

    const [succeeded] = await auditEntries('login_succeeded')
    assert.isNull(succeeded.enteId)
    assert.equal(succeeded.actorId, admin.id)
    const [failed] = await auditEntries('login_failed')
    assert.isNull(failed.enteId)
    assert.deepEqual(failed.metadata, { username: disabled.username, reason: 'disabled' })
  })
})
