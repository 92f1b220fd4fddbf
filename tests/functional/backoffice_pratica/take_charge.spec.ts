import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import PraticaStatusChange from '#models/pratica_status_change'
import AuditLog from '#models/audit_log'
import { OfficeFactory } from '#factories/office_factory'
import {
  dropEnte,
  headerActions,
  officeFixture,
  operatorOf,
  postAction,
  praticaUrl,
  sentPratica,
  visibleText,
} from './helpers.js'

test.group('Prendi in carico and Subentra', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('Prendi in carico: In carico of the operator, an iter line, an audit entry', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 3000)
    const url = praticaUrl(fixture.ente, pratica)

    const response = await postAction(client, fixture.mario, `${url}/prendi-in-carico`)

    response.assertStatus(302)
    response.assertHeader('location', url)
    response.assertFlashMessage('success', 'Hai preso in carico la pratica.')
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
    assert.equal(pratica.operatorId, fixture.mario.id)
    const last = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.include(last.$attributes, { fromStatus: 3000, toStatus: 4000, actorName: 'Mario Rossi' })
    const audit = await AuditLog.query().where('action', 'pratica_taken_in_charge').firstOrFail()
    assert.include(audit.$attributes, { subjectId: pratica.uuid, actorId: fixture.mario.id })
    assert.isNotNull(audit.ip)

    const page = await client.get(url).loginAs(fixture.mario)
    assert.include(visibleText(page), 'In carico a Mario Rossi')
    assert.includeMembers(headerActions(page), ['Rigetta', 'Approva'])
    assert.notInclude(headerActions(page), 'Prendi in carico')
    const forGiulia = await client.get(url).loginAs(fixture.giulia)
    assert.deepEqual(headerActions(forGiulia), ['Subentra a Mario Rossi'])
  })

  test('a second "Prendi in carico" is told who has it, and changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const url = `${praticaUrl(fixture.ente, pratica)}/prendi-in-carico`
    await postAction(client, fixture.mario, url)

    const late = await postAction(client, fixture.giulia, url)

    late.assertFlashMessage('error', 'La pratica è già stata presa in carico da Mario Rossi.')
    await pratica.refresh()
    assert.equal(pratica.operatorId, fixture.mario.id)
    assert.lengthOf(
      await PraticaStatusChange.query().where('pratica_id', pratica.id).where('to_status', 4000),
      1
    )
  })

  test('Subentra: the pratica passes to me with "Subentra a <operatore>" in the iter', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)
    await postAction(client, fixture.mario, `${url}/prendi-in-carico`)

    const response = await postAction(client, fixture.giulia, `${url}/subentra`, {
      operatore: String(fixture.mario.id),
    })

    response.assertFlashMessage('success', 'Sei subentrato nella pratica.')
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
    assert.equal(pratica.operatorId, fixture.giulia.id)
    const page = await client.get(url).loginAs(fixture.giulia)
    assert.include(visibleText(page), 'Subentra a Mario Rossi')
    assert.lengthOf(await AuditLog.query().where('action', 'pratica_taken_over'), 1)
  })

  test('Subentra to someone who no longer has it is refused with who has it now', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const anna = await operatorOf(fixture.ente, fixture.service, 'Anna', 'Neri')
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)
    await postAction(client, fixture.mario, `${url}/prendi-in-carico`)
    await postAction(client, anna, `${url}/subentra`, { operatore: String(fixture.mario.id) })

    const stale = await postAction(client, fixture.giulia, `${url}/subentra`, {
      operatore: String(fixture.mario.id),
    })

    stale.assertFlashMessage('error', 'La pratica nel frattempo è passata a Anna Neri.')
    await pratica.refresh()
    assert.equal(pratica.operatorId, anna.id)
  })

  test('a pratica assigned to an office is taken only by its operators', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const mobilita = await OfficeFactory.merge({
      enteId: fixture.ente.id,
      name: 'Ufficio Mobilità',
    }).create()
    await fixture.giulia.related('offices').attach([mobilita.id])
    const pratica = await sentPratica(fixture, 2000)
    pratica.officeId = mobilita.id
    await pratica.save()
    const url = `${praticaUrl(fixture.ente, pratica)}/prendi-in-carico`

    const outsider = await postAction(client, fixture.mario, url)
    outsider.assertFlashMessage(
      'error',
      "La pratica è assegnata all'Ufficio Mobilità: possono prenderla in carico solo i suoi operatori."
    )
    const member = await postAction(client, fixture.giulia, url)
    member.assertFlashMessage('success', 'Hai preso in carico la pratica.')
    await pratica.refresh()
    assert.equal(pratica.operatorId, fixture.giulia.id)
  })

  test('a closed pratica cannot be taken in charge', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 9000)

    const response = await postAction(
      client,
      fixture.mario,
      `${praticaUrl(fixture.ente, pratica)}/prendi-in-carico`
    )

    response.assertFlashMessage(
      'error',
      'La pratica è nello stato "Rifiutata": non può essere presa in carico.'
    )
    await pratica.refresh()
    assert.equal(pratica.status, 9000)
  })

  test('404 for an operator not enabled for the service', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const outsider = await operatorOf(fixture.ente, null, 'Anna', 'Neri')
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)

    for (const action of ['prendi-in-carico', 'subentra', 'assegna', 'priorita', 'stato']) {
      const response = await postAction(client, outsider, `${url}/${action}`)
      response.assertStatus(404)
    }
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
  })
})

test.group('Prendi in carico at the same time', () => {
  test('two operators at once: one success, one clear message, one iter entry', async ({
    client,
    assert,
    cleanup,
  }) => {
    const fixture = await officeFixture()
    cleanup(() => dropEnte(fixture.ente.id))
    const pratica = await sentPratica(fixture, 2000)
    const url = `${praticaUrl(fixture.ente, pratica)}/prendi-in-carico`

    const responses = await Promise.all([
      postAction(client, fixture.mario, url),
      postAction(client, fixture.giulia, url),
    ])

    const flashes = responses.map((response) => response.flashMessages())
    const winners = flashes.filter((flash) => flash.success)
    const losers = flashes.filter((flash) => flash.error)
    assert.lengthOf(winners, 1)
    assert.lengthOf(losers, 1)
    const fresh = await Pratica.findOrFail(pratica.id)
    const winner = fresh.operatorId === fixture.mario.id ? 'Mario Rossi' : 'Giulia Verdi'
    assert.equal(losers[0].error, `La pratica è già stata presa in carico da ${winner}.`)
    assert.lengthOf(
      await PraticaStatusChange.query().where('pratica_id', pratica.id).where('to_status', 4000),
      1
    )
    assert.lengthOf(
      await AuditLog.query()
        .where('subject_id', pratica.uuid)
        .where('action', 'pratica_taken_in_charge'),
      1
    )
  })
})
