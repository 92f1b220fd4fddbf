import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { OfficeFactory } from '#factories/office_factory'
import { UserFactory } from '#factories/user_factory'
import { pageText } from '#tests/functional/identity/helpers'
import {
  citizenOf,
  listFixture,
  listUrl,
  listedApplicants,
  listedHeaders,
  praticaOf,
  staff,
} from './helpers.js'

const daysAgo = (days: number) => DateTime.now().minus({ days })

/**
 * Three pratiche that differ in every column: A(nna), B(runo), C(arla),
 * each first in some order and last in another. Carla has no operator and
 * no office: empty values go last both ways.
 */
async function threePratiche() {
  const fixture = await listFixture()
  const { ente, ztl, atti } = fixture
  const admin = await staff(ente, 'enteAdmin')
  const zeta = await UserFactory.merge({
    enteId: ente.id,
    firstName: 'Zeno',
    lastName: 'Zeta',
  }).create()
  const alfa = await UserFactory.merge({
    enteId: ente.id,
    firstName: 'Ada',
    lastName: 'Alfa',
  }).create()
  const anagrafe = await OfficeFactory.merge({ enteId: ente.id, name: 'Anagrafe' }).create()
  const tributi = await OfficeFactory.merge({ enteId: ente.id, name: 'Tributi' }).create()
  const anna = await citizenOf(ente, 'Anna', 'Alberti')
  const bruno = await citizenOf(ente, 'Bruno', 'Bianchi')
  const carla = await citizenOf(ente, 'Carla', 'Conti')
  anna.fiscalCode = 'ZZZANN80A41H501X'
  bruno.fiscalCode = 'AAABRN80A01H501X'
  carla.fiscalCode = 'MMMCRL80A41H501X'
  await Promise.all([anna.save(), bruno.save(), carla.save()])
  await praticaOf(ztl, anna, {
    authMethod: 'spid',
    createdAt: daysAgo(30),
    statusChangedAt: daysAgo(1),
    status: 7000,
    operatorId: zeta.id,
    officeId: tributi.id,
    priority: 0,
  })
  await praticaOf(atti, bruno, {
    authMethod: 'cie',
    createdAt: daysAgo(10),
    statusChangedAt: daysAgo(20),
    status: 2000,
    operatorId: alfa.id,
    officeId: anagrafe.id,
    priority: 1,
  })
  await praticaOf(ztl, carla, {
    authMethod: 'anonymous',
    createdAt: daysAgo(20),
    statusChangedAt: daysAgo(5),
    status: 4000,
    priority: 2,
  })
  return { ...fixture, admin }
}

test.group('Elenco pratiche: sorting and pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every column sorts both ways; empty values last', async ({ client, assert }) => {
    const { ente, admin } = await threePratiche()
    const order = async (ordina: string, verso: 'asc' | 'desc') =>
      listedApplicants(await client.get(listUrl(ente)).qs({ ordina, verso }).loginAs(admin)).map(
        (name) => name[0]
      )
    const expected: Record<string, string[]> = {
      // by the stored method: anonymous, cie, spid
      'autenticazione': ['C', 'B', 'A'],
      'richiedente': ['A', 'B', 'C'],
      'codice-fiscale': ['B', 'C', 'A'],
      'servizio': ['B', 'C', 'A'],
      'inserimento': ['A', 'C', 'B'],
      'cambio-stato': ['B', 'C', 'A'],
      'stato': ['B', 'C', 'A'],
      'priorita': ['A', 'B', 'C'],
    }
    for (const [column, ascending] of Object.entries(expected)) {
      assert.deepEqual(await order(column, 'asc'), ascending, `${column} asc`)
      assert.deepEqual(await order(column, 'desc'), [...ascending].reverse(), `${column} desc`)
    }
    assert.deepEqual(await order('operatore', 'asc'), ['B', 'A', 'C'])
    assert.deepEqual(await order('operatore', 'desc'), ['A', 'B', 'C'])
    assert.deepEqual(await order('ufficio', 'asc'), ['B', 'A', 'C'])
    assert.deepEqual(await order('ufficio', 'desc'), ['A', 'B', 'C'])
    // the default: the latest change of state first
    assert.deepEqual(
      listedApplicants(await client.get(listUrl(ente)).loginAs(admin)).map((name) => name[0]),
      ['A', 'C', 'B']
    )
  })

  test("headers: the manual's columns, the sorted one marked, a click turns it around", async ({
    client,
    assert,
  }) => {
    const { ente, admin } = await threePratiche()
    const page = await client
      .get(listUrl(ente))
      .qs({ ordina: 'priorita', verso: 'asc', priorita: 2 })
      .loginAs(admin)
    assert.deepEqual(listedHeaders(page), [
      'Autenticazione',
      'Richiedente',
      'Codice fiscale',
      'Servizio',
      'Data di inserimento',
      'Ultimo cambio stato',
      'Stato',
      'Operatore',
      'Ufficio',
      'Priorità',
      '',
    ])
    const html = pageText(page)
    assert.include(html, 'aria-sort="ascending"')
    assert.equal(html.match(/aria-sort=/g)?.length, 1)
    // the sorted column's link turns the order around; the others start ascending; filters stay
    assert.include(html, `href="${listUrl(ente)}?priorita=2&ordina=priorita&verso=desc"`)
    assert.include(html, `href="${listUrl(ente)}?priorita=2&ordina=richiedente&verso=asc"`)
    assert.include(html, '>Carla Conti</th>')
    assert.include(html, '>Senza autenticazione<')
    assert.include(html, '>In carico<')
  })

  test('"Risultati per pagina" and the pages, the filters kept', async ({ client, assert }) => {
    const { ente, ztl, operator } = await listFixture()
    for (let n = 1; n <= 12; n++) {
      const name = `Numero${String(n).padStart(2, '0')}`
      await praticaOf(ztl, await citizenOf(ente, 'Cittadino', name), {
        statusChangedAt: daysAgo(n),
      })
    }
    const first = await client.get(listUrl(ente)).qs({ cerca: 'cittadino' }).loginAs(operator)
    assert.lengthOf(listedApplicants(first), 10)
    first.assertTextIncludes('Vista da 1 a 10 di 12 pratiche')
    const html = pageText(first)
    assert.include(html, `href="${listUrl(ente)}?cerca=cittadino&page=2">Successivo</a>`)
    assert.include(html, '<span class="page-link">Precedente</span>')

    const second = await client
      .get(listUrl(ente))
      .qs({ cerca: 'cittadino', page: 2 })
      .loginAs(operator)
    assert.deepEqual(listedApplicants(second), ['Cittadino Numero11', 'Cittadino Numero12'])
    second.assertTextIncludes('Vista da 11 a 12 di 12 pratiche')
    assert.include(pageText(second), `href="${listUrl(ente)}?cerca=cittadino">Precedente</a>`)

    const bigger = await client.get(listUrl(ente)).qs({ per_pagina: 25 }).loginAs(operator)
    assert.lengthOf(listedApplicants(bigger), 12)
    assert.include(pageText(bigger), '<option value="25" selected>25</option>')

    // past the last page: the last page
    const beyond = await client.get(listUrl(ente)).qs({ page: 9 }).loginAs(operator)
    assert.lengthOf(listedApplicants(beyond), 2)
  })
})
