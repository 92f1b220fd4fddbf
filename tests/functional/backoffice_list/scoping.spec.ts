import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import {
  citizenOf,
  csvRows,
  exportUrl,
  listFixture,
  listUrl,
  listedApplicants,
  praticaOf,
  staff,
} from './helpers.js'

test.group('Elenco pratiche: whose pratiche', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an operator sees only the pratiche of the services he is enabled for', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, atti, operator, citizen } = await listFixture()
    const other = await citizenOf(ente, 'Giulia', 'Verdi')
    await praticaOf(ztl, citizen)
    await praticaOf(atti, other)

    const response = await client.get(listUrl(ente)).loginAs(operator)

    response.assertStatus(200)
    assert.deepEqual(listedApplicants(response), ['Lorenzo Bertoli'])
    response.assertTextIncludes('Vista da 1 a 1 di 1 pratiche')
    assert.notInclude(response.text(), 'Giulia')
    assert.notInclude(response.text(), 'Accesso agli atti')

    const csv = await client.get(exportUrl(ente)).loginAs(operator)
    csv.assertStatus(200)
    assert.deepEqual(
      csvRows(csv)
        .slice(1)
        .map((row) => row[3]),
      ['Lorenzo Bertoli']
    )
  })

  test('a manager sees the services he is enabled for; the ente admin every service', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, atti, citizen } = await listFixture()
    await praticaOf(ztl, citizen)
    await praticaOf(atti, await citizenOf(ente, 'Giulia', 'Verdi'))
    const manager = await staff(ente, 'manager')
    await manager.related('services').attach([atti.id])
    const admin = await staff(ente, 'enteAdmin')

    const forManager = await client.get(listUrl(ente)).loginAs(manager)
    assert.deepEqual(listedApplicants(forManager), ['Giulia Verdi'])

    const forAdmin = await client.get(listUrl(ente)).loginAs(admin)
    assert.sameMembers(listedApplicants(forAdmin), ['Giulia Verdi', 'Lorenzo Bertoli'])
  })

  test("drafts (Bozza) are the citizen's and never show; an operator with no service sees none", async ({
    client,
    assert,
  }) => {
    const { ente, ztl, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen, { status: 1000 })
    const idle = await staff(ente)

    const list = await client.get(listUrl(ente)).loginAs(operator)
    assert.deepEqual(listedApplicants(list), [])
    list.assertTextIncludes('Non ci sono pratiche da lavorare')
    list.assertTextIncludes('Nessuna pratica')
    const csv = await client.get(exportUrl(ente)).loginAs(operator)
    assert.lengthOf(csvRows(csv), 1)

    const empty = await client.get(listUrl(ente)).loginAs(idle)
    empty.assertStatus(200)
    empty.assertTextIncludes('Non ci sono pratiche da lavorare')
  })

  test('a service the operator is not enabled for, or of another ente, answers 404 and leaks nothing', async ({
    client,
    assert,
  }) => {
    const { ente, ztl, atti, operator, citizen } = await listFixture()
    await praticaOf(ztl, citizen)
    await praticaOf(atti, await citizenOf(ente, 'Giulia', 'Verdi'))
    const otherEnte = await EnteFactory.create()
    const foreign = await ServiceFactory.merge({
      enteId: otherEnte.id,
      name: 'Servizio riservato',
    }).create()
    const admin = await staff(ente, 'enteAdmin')

    for (const serviceId of [atti.id, foreign.id, 999999]) {
      for (const url of [listUrl(ente), exportUrl(ente)]) {
        const response = await client.get(url).qs({ servizio: serviceId }).loginAs(operator)
        response.assertStatus(404)
        assert.notInclude(response.text(), 'Giulia')
        assert.notInclude(response.text(), 'Servizio riservato')
      }
    }
    // the ente admin sees every service of the ente, never another ente's
    const foreignForAdmin = await client
      .get(listUrl(ente))
      .qs({ servizio: foreign.id })
      .loginAs(admin)
    foreignForAdmin.assertStatus(404)
    const ownForAdmin = await client.get(listUrl(ente)).qs({ servizio: atti.id }).loginAs(admin)
    assert.deepEqual(listedApplicants(ownForAdmin), ['Giulia Verdi'])
  })

  test("staff of another ente get 404; ente B's list never shows ente A's pratiche", async ({
    client,
    assert,
  }) => {
    const { ente, ztl, citizen } = await listFixture()
    await praticaOf(ztl, citizen)
    const otherEnte = await EnteFactory.create()
    const adminOfB = await staff(otherEnte, 'enteAdmin')

    const intoA = await client.get(listUrl(ente)).loginAs(adminOfB)
    intoA.assertStatus(404)
    const exportA = await client.get(exportUrl(ente)).loginAs(adminOfB)
    exportA.assertStatus(404)

    const ownList = await client.get(listUrl(otherEnte)).loginAs(adminOfB)
    assert.deepEqual(listedApplicants(ownList), [])
    const ownCsv = await client.get(exportUrl(otherEnte)).loginAs(adminOfB)
    assert.notInclude(ownCsv.text(), 'Bertoli')

    const anonymous = await client.get(exportUrl(ente)).redirects(0)
    anonymous.assertStatus(302)
    assert.equal(anonymous.header('location'), `/${ente.slug}/operatori/login`)
  })
})
