import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { ServiceFactory } from '#factories/service_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { areaFixture, officeMessage, praticaIn } from './helpers.js'

test.group('Personal area: "Pratiche"', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("lists only the citizen's own pratiche of this ente, with the manual's columns", async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const mine = await praticaIn(ente, service, citizen, 2000)
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 2000)

    const response = await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)

    response.assertStatus(200)
    const text = pageText(response)
    for (const column of ['Servizio', 'Protocollo', 'Data di compilazione', 'Note']) {
      assert.include(text, `>${column}</th>`)
    }
    assert.include(text, `${area}/pratiche/${mine.uuid}`)
    assert.notInclude(text, theirs.uuid)
    assert.include(text, 'Richiedere permesso di accesso ad area ZTL')
    assert.include(text, 'Acquisita')
    assert.include(text, '(non necessario)')
  })

  test('counts by state as DESIGN.md maps them, and each counter filters', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const draft = await praticaIn(ente, service, citizen, 1000)
    await praticaIn(ente, service, citizen, 1000)
    await praticaIn(ente, service, citizen, 1500)
    const sent = await praticaIn(ente, service, citizen, 3000)
    await praticaIn(ente, service, citizen, 4000)
    await praticaIn(ente, service, citizen, 4100)
    const accepted = await praticaIn(ente, service, citizen, 7000)
    await praticaIn(ente, service, citizen, 9000)
    await praticaIn(ente, service, citizen, 20000)

    const response = await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)
    const text = pageText(response).replace(/\s+/g, ' ')
    const counter = (label: string, slug: string, count: number) =>
      assert.match(
        text,
        new RegExp(
          `href="${area}/pratiche\\?stato=${slug}"[^>]*> ${label} <span[^>]*>${count}</span>`
        ),
        `${label} ${count}`
      )
    counter('In bozza', 'in-bozza', 2)
    counter('Da pagare', 'da-pagare', 1)
    counter('Inviate', 'inviate', 2)
    counter('Da integrare', 'da-integrare', 1)
    counter('Accettate', 'accettate', 1)
    counter('Rifiutate', 'rifiutate', 1)
    counter('Ritirate', 'ritirate', 1)
    assert.notInclude(text, 'stato=annullate', 'an empty counter is not shown')
    assert.match(text, /> Tutte <span[^>]*>9<\/span>/)

    const inviate = pageText(
      await client.get(`${area}/pratiche?stato=inviate`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(inviate, sent.uuid)
    assert.notInclude(inviate, draft.uuid)
    assert.notInclude(inviate, accepted.uuid)
    assert.match(inviate, /href="[^"]*stato=inviate"[^>]*aria-current=true/)
  })

  test('"Filtra per servizio" keeps to one service, the counters too', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const other = await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Pagare tributi IMU',
    }).create()
    const ztl = await praticaIn(ente, service, citizen, 2000)
    const imu = await praticaIn(ente, other, citizen, 1000)

    const response = await client
      .get(`${area}/pratiche?servizio=${other.slug}`)
      .withGuard('citizen')
      .loginAs(citizen)

    const text = pageText(response)
    assert.include(text, 'Filtra per servizio')
    assert.include(text, imu.uuid)
    assert.notInclude(text, ztl.uuid)
    assert.match(text.replace(/\s+/g, ' '), /> Tutte <span[^>]*>1<\/span>/)
    assert.include(text, `<option value="${other.slug}" selected>`)
    assert.include(text, `?servizio=${other.slug}&stato=in-bozza`)
  })

  test('drafts offer "Elimina" and "Riprendi", sent pratiche only "Dettaglio"', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const draft = await praticaIn(ente, service, citizen, 1000)
    const sent = await praticaIn(ente, service, citizen, 2000)

    const text = pageText(
      await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)
    )

    assert.include(text, `${area}/pratiche/${draft.uuid}/elimina`)
    assert.include(text, `/${ente.slug}/pratiche/${draft.uuid}/compila`)
    assert.include(text, `${area}/pratiche/${sent.uuid}"`)
    assert.notInclude(text, `${area}/pratiche/${sent.uuid}/elimina`)
  })

  test('unread messages show in the Note column', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    await officeMessage(pratica, 'Serve una copia del libretto.')
    await officeMessage(pratica, 'Nota per i colleghi', 'internal')

    const text = pageText(
      await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(text, '1 messaggio non letto')
  })

  test('pages of 20, newest first', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratiche = []
    for (let index = 0; index < 21; index++)
      pratiche.push(await praticaIn(ente, service, citizen, 1000))

    const first = pageText(
      await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)
    )
    const second = pageText(
      await client.get(`${area}/pratiche?pagina=2`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(first, `${area}/pratiche?pagina=2`)
    assert.include(second, pratiche[0].uuid)
    assert.notInclude(first, `${area}/pratiche/${pratiche[0].uuid}"`)
  })

  test('a citizen without pratiche is pointed to the services', async ({ client, assert }) => {
    const { citizen, area, ente } = await areaFixture()
    const text = pageText(
      await client.get(`${area}/pratiche`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(text, 'Non hai ancora presentato pratiche online')
    assert.include(text, `href="/${ente.slug}/servizi"`)
  })
})
