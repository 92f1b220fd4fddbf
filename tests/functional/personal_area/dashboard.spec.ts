import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { areaFixture, officeMessage, praticaIn } from './helpers.js'

function readable(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

test.group('Personal area: "Scrivania"', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the latest pratiche, the latest messages with the unread count, the payments', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratiche = []
    for (let index = 0; index < 6; index++)
      pratiche.push(await praticaIn(ente, service, citizen, 2000))
    await officeMessage(pratiche[1], 'La pratica è stata presa in carico.')
    await officeMessage(pratiche[1], 'Nota per gli operatori', 'internal')
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 2000)
    await officeMessage(theirs, 'Messaggio per un altro cittadino')

    const response = await client.get(area).withGuard('citizen').loginAs(citizen)

    response.assertStatus(200)
    const html = pageText(response)
    const text = readable(html)
    assert.include(text, 'Ultime pratiche')
    assert.include(html, `${area}/pratiche/${pratiche[5].uuid}`)
    assert.notInclude(html, `${area}/pratiche/${pratiche[0].uuid}"`, 'five at most')
    assert.include(text, 'Ultimi messaggi 1 messaggio non letto')
    assert.include(text, 'La pratica è stata presa in carico.')
    assert.include(html, `${area}/pratiche/${pratiche[1].uuid}#messaggi`)
    assert.notInclude(text, 'Nota per gli operatori')
    assert.notInclude(text, 'Messaggio per un altro cittadino')
    assert.include(text, 'Pagamenti Non ci sono pagamenti')

    // once the pratica is opened, the message is read
    await client.get(`${area}/pratiche/${pratiche[1].uuid}`).withGuard('citizen').loginAs(citizen)
    const after = readable(pageText(await client.get(area).withGuard('citizen').loginAs(citizen)))
    assert.notInclude(after, 'non letto')
    assert.include(after, 'La pratica è stata presa in carico.')
  })

  test('a new citizen is told where to start', async ({ client, assert }) => {
    const { citizen, area, ente } = await areaFixture()
    const text = pageText(await client.get(area).withGuard('citizen').loginAs(citizen))
    assert.include(text, 'Non hai ancora presentato pratiche online')
    assert.include(text, 'Nessun messaggio')
    assert.include(text, `href="/${ente.slug}/servizi"`)
  })
})
