import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { UserFactory, TEST_PASSWORD } from '#factories/user_factory'

test.group('Operator login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

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
})
