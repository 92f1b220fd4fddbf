import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { forgetEnteHosts } from '#services/enti/ente_lookup'

test.group('Ente on its own host', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => forgetEnteHosts())

  test('the path prefix is optional on the mapped host', async ({ client }) => {
    const ente = await EnteFactory.merge({ host: 'servizi.comune-prova.test' }).create()
    const service = await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Permesso di prova',
    }).create()

    const home = await client.get('/').header('host', 'servizi.comune-prova.test')
    home.assertStatus(200)
    home.assertTextIncludes(ente.name)

    const scheda = await client
      .get(`/servizi/${service.slug}`)
      .header('host', 'servizi.comune-prova.test')
    scheda.assertStatus(200)
    scheda.assertTextIncludes('Permesso di prova')

    const prefixed = await client
      .get(`/${ente.slug}/servizi`)
      .header('host', 'servizi.comune-prova.test')
    prefixed.assertStatus(200)
    prefixed.assertTextIncludes('Permesso di prova')
  })

  test('platform paths stay platform paths there, and other hosts are not mapped', async ({
    client,
  }) => {
    await EnteFactory.merge({ host: 'servizi.comune-prova.test' }).create()

    const health = await client.get('/health/live').header('host', 'servizi.comune-prova.test')
    health.assertStatus(200)
    health.assertTextIncludes('ok')

    const elsewhere = await client.get('/servizi').header('host', 'altro.example.test')
    elsewhere.assertStatus(404)
  })
})
