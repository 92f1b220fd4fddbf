import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { ServiceFactory } from '#factories/service_factory'
import { createSiteEnte } from './fixtures.js'

test.group('Site: catalogue and scheda', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the scheda shows the service of the ente in the URL', async ({ client }) => {
    const { ente } = await createSiteEnte()

    const response = await client.get(`/${ente.slug}/servizi/permesso-ztl`)

    response.assertStatus(200)
    response.assertTextIncludes('Richiedere permesso di accesso ad area ZTL')
    response.assertTextIncludes('Come fare')
    response.assertTextIncludes(`href="/${ente.slug}/servizi/permesso-ztl/accedi"`)
  })

  test('a service of ente A is not reachable under ente B', async ({ client, assert }) => {
    const a = await createSiteEnte()
    const b = await createSiteEnte()
    const onlyInA = await ServiceFactory.merge({ enteId: a.ente.id, slug: 'solo-ente-a' }).create()

    const response = await client.get(`/${b.ente.slug}/servizi/${onlyInA.slug}`)

    response.assertStatus(404)
    response.assertTextIncludes('Pagina non trovata')
    // ente B's own header, not ente A's
    response.assertTextIncludes(`href="/${b.ente.slug}/"`)
    assert.notInclude(response.text(), `/${a.ente.slug}/`)
  })

  test('the catalogue lists only published services and filters by text and topic', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Servizio riservato',
      slug: 'riservato',
      status: 'private',
    }).create()

    const all = await client.get(`/${ente.slug}/servizi`)
    all.assertStatus(200)
    all.assertTextIncludes('2 servizi trovati')
    assert.notInclude(all.text(), 'Servizio riservato')

    const byText = await client.get(`/${ente.slug}/servizi`).qs({ q: 'ZTL' })
    byText.assertTextIncludes('1 servizio trovato')
    byText.assertTextIncludes('permesso-ztl')
    assert.notInclude(byText.text(), 'segnalare-disservizio')

    const byTopic = await client
      .get(`/${ente.slug}/servizi`)
      .qs({ categoria: 'mobilita-e-trasporti' })
    byTopic.assertTextIncludes('1 servizio trovato')
    assert.notInclude(byTopic.text(), 'href="/' + ente.slug + '/servizi/segnalare-disservizio"')
  })

  test('a private service is reachable by its link', async ({ client }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Servizio riservato',
      slug: 'riservato',
      status: 'private',
    }).create()

    const response = await client.get(`/${ente.slug}/servizi/riservato`)

    response.assertStatus(200)
    response.assertTextIncludes('Servizio riservato')
  })

  test('a suspended service shows its scheda but no way to apply', async ({ client, assert }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({ enteId: ente.id, slug: 'sospeso', status: 'suspended' }).create()

    const response = await client.get(`/${ente.slug}/servizi/sospeso`)

    response.assertStatus(200)
    response.assertTextIncludes('momentaneamente sospeso')
    assert.notInclude(response.text(), '/servizi/sospeso/accedi')
  })
})
