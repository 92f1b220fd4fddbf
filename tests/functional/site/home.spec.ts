import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { createSiteEnte } from './fixtures.js'

test.group('Site: home of an ente', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the ente, the access button, its topics and services, in Italian', async ({
    client,
  }) => {
    const { ente } = await createSiteEnte({ name: 'Comune di Prova' })

    const response = await client.get(`/${ente.slug}/`)

    response.assertStatus(200)
    response.assertTextIncludes('<html lang="it">')
    response.assertTextIncludes('<h1 id="home-title" class="text-white mb-3">Comune di Prova</h1>')
    response.assertTextIncludes(`href="/${ente.slug}/accedi"`)
    response.assertTextIncludes('Accedi all&#x27;area personale')
    response.assertTextIncludes('Esplora per argomento')
    response.assertTextIncludes(`href="/${ente.slug}/servizi?categoria=mobilita-e-trasporti"`)
    response.assertTextIncludes(`href="/${ente.slug}/servizi/permesso-ztl"`)
    // the footer carries the ente's contacts
    response.assertTextIncludes('Piazza del Municipio 1, 56040 Prova (PI)')
    response.assertTextIncludes('href="mailto:comune.prova@pec.it"')
  })

  test('a logged-in citizen sees their name and menu instead of the access button', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    const citizen = await CitizenFactory.merge({
      enteId: ente.id,
      firstName: 'Anna',
      lastName: 'Neri',
    }).create()

    const response = await client.get(`/${ente.slug}/`).withGuard('citizen').loginAs(citizen)

    response.assertTextIncludes('Anna Neri')
    response.assertTextIncludes(`action="/${ente.slug}/area-personale/esci"`)
    assert.notInclude(response.text(), `href="/${ente.slug}/accedi"`)
  })

  test('links the staff entrance from the footer', async ({ client }) => {
    const { ente } = await createSiteEnte()

    const response = await client.get(`/${ente.slug}/`)

    response.assertTextIncludes(
      `<a href="/${ente.slug}/operatori/login">Accesso riservato al personale autorizzato</a>`
    )
  })

  test('an unknown ente answers the styled 404 page in Italian', async ({ client }) => {
    const response = await client.get('/ente-che-non-esiste/')

    response.assertStatus(404)
    response.assertTextIncludes('<h1 class="mb-3">Pagina non trovata</h1>')
    response.assertTextIncludes('/assets/vendor/bootstrap-italia/css/bootstrap-italia.min.css')
    response.assertTextIncludes('id="footer"')
  })

  test('an inactive ente is not reachable', async ({ client }) => {
    const { ente } = await createSiteEnte()
    ente.isActive = false
    await ente.save()

    const response = await client.get(`/${ente.slug}/`)

    response.assertStatus(404)
  })
})
