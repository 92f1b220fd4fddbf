import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { createSiteEnte } from './fixtures.js'

test.group('Site: citizen access and personal area', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the personal area sends a visitor to the access page', async ({ client }) => {
    const { ente } = await createSiteEnte()

    const response = await client.get(`/${ente.slug}/area-personale`).redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/accedi`)
  })

  test('the access page offers SPID and CIE, disabled until an identity provider is enabled', async ({
    client,
  }) => {
    const { ente } = await createSiteEnte()

    const response = await client.get(`/${ente.slug}/accedi`)

    response.assertStatus(200)
    response.assertTextIncludes('Entra con SPID')
    response.assertTextIncludes('Entra con CIE')
    response.assertTextIncludes('disabled')
    response.assertTextIncludes('non è ancora attivo per questo ente')
  })

  test('a logged-in citizen sees the Scrivania with the area sections and their name in the header', async ({
    client,
  }) => {
    const { ente } = await createSiteEnte()
    const citizen = await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
    }).create()

    const response = await client
      .get(`/${ente.slug}/area-personale`)
      .withGuard('citizen')
      .loginAs(citizen)

    response.assertStatus(200)
    response.assertTextIncludes('Lorenzo Bertoli')
    response.assertTextIncludes(citizen.fiscalCode)
    for (const section of [
      'Scrivania',
      'Pratiche',
      'Pagamenti',
      'Documenti',
      'Allegati',
      'Profilo',
    ]) {
      response.assertTextIncludes(`>${section}</a>`)
    }
    response.assertTextIncludes(`action="/${ente.slug}/area-personale/esci"`)
  })

  test("a citizen of another ente is sent to this ente's access page", async ({ client }) => {
    const { ente } = await createSiteEnte()
    const other = await createSiteEnte()
    const citizen = await CitizenFactory.merge({ enteId: other.ente.id }).create()

    const response = await client
      .get(`/${ente.slug}/area-personale`)
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/accedi`)
  })

  test('a logged-in citizen going to "Accedi" goes to the personal area', async ({ client }) => {
    const { ente } = await createSiteEnte()
    const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()

    const response = await client
      .get(`/${ente.slug}/accedi`)
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/area-personale`)
  })

  test('logout ends the citizen session', async ({ client, assert }) => {
    const { ente } = await createSiteEnte()
    const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()

    const response = await client
      .post(`/${ente.slug}/area-personale/esci`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `/${ente.slug}/`)
    assert.notProperty(response.session(), 'auth_citizen')
  })
})
