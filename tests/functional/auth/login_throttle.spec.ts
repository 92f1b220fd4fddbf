import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'
import { LOGIN_LIMITS } from '#services/auth/throttles'
import type Ente from '#models/ente'
import { auditEntries, clearRateLimits } from './helpers.js'

function login(client: any, ente: Ente, username: string, password: string) {
  return client
    .post(`/${ente.slug}/operatori/login`)
    .form({ username, password })
    .withCsrfToken()
    .redirects(0)
}

test.group('Staff login rate limits', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearRateLimits())

  test('after 5 wrong passwords the account waits 15 minutes, even with the right one', async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()
    const colleague = await UserFactory.merge({ enteId: ente.id }).create()

    for (let attempt = 1; attempt <= LOGIN_LIMITS.account.requests; attempt++) {
      const response = await login(client, ente, operator.username, `sbagliata-${attempt}`)
      response.assertStatus(302)
    }

    const limited = await login(client, ente, operator.username, TEST_PASSWORD)
    limited.assertStatus(429)
    limited.assertTextIncludes('Troppi tentativi di accesso non riusciti. Riprova tra 15 minuti.')
    // what was typed stays in the form
    limited.assertTextIncludes(`value="${operator.username}"`)
    assert.closeTo(Number(limited.header('retry-after')), 900, 5)
    assert.notProperty(limited.session(), 'auth_web')

    // the limit is the account's: a colleague at the same address logs in
    const other = await login(client, ente, colleague.username, TEST_PASSWORD)
    other.assertHeader('location', `/${ente.slug}/backoffice`)

    const failures = await auditEntries('login_failed')
    const throttled = failures.filter((entry) => entry.metadata.reason === 'throttled')
    assert.lengthOf(throttled, 1)
    assert.equal(throttled[0].metadata.username, operator.username)
  })

  test("a success clears the account's count; usernames count whatever their case", async ({
    client,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    for (let attempt = 1; attempt < LOGIN_LIMITS.account.requests; attempt++) {
      await login(client, ente, operator.username.toUpperCase(), 'sbagliata')
    }
    const success = await login(client, ente, operator.username, TEST_PASSWORD)
    success.assertStatus(302)
    for (let attempt = 1; attempt < LOGIN_LIMITS.account.requests; attempt++) {
      await login(client, ente, operator.username, 'sbagliata')
    }
    const afterFailures = await login(client, ente, operator.username, TEST_PASSWORD)
    afterFailures.assertHeader('location', `/${ente.slug}/backoffice`)
  })

  test('30 failures from one address stop every login from it, known accounts too', async ({
    client,
  }) => {
    const ente = await EnteFactory.create()
    const operator = await UserFactory.merge({ enteId: ente.id }).create()

    for (let attempt = 1; attempt <= LOGIN_LIMITS.address.requests; attempt++) {
      // a different name each time: only the address limit can be hit
      const failure = await login(client, ente, `tentativo.${attempt}`, 'sbagliata')
      failure.assertStatus(302)
    }
    const limited = await login(client, ente, operator.username, TEST_PASSWORD)
    limited.assertStatus(429)
    limited.assertTextIncludes('Riprova tra 15 minuti.')
  })

  test('the platform door has its own count for the same username', async ({ client }) => {
    const ente = await EnteFactory.create()
    const admin = await UserFactory.apply('platformAdmin').create()

    for (let attempt = 1; attempt <= LOGIN_LIMITS.account.requests; attempt++) {
      await login(client, ente, admin.username, 'sbagliata')
    }
    const atEnte = await login(client, ente, admin.username, 'sbagliata')
    atEnte.assertStatus(429)

    const atAdmin = await client
      .post('/admin/login')
      .form({ username: admin.username, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    atAdmin.assertHeader('location', '/admin')
  })
})
