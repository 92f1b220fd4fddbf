import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import PraticaStatusChange from '#models/pratica_status_change'
import AuditLog from '#models/audit_log'
import { OfficeFactory } from '#factories/office_factory'
import { pageText } from '#tests/functional/identity/helpers'
import {
  officeFixture,
  operatorOf,
  postAction,
  praticaUrl,
  sentPratica,
  visibleText,
} from './helpers.js'

async function withOffices() {
  const fixture = await officeFixture()
  const mobilita = await OfficeFactory.merge({
    enteId: fixture.ente.id,
    name: 'Ufficio Mobilità',
  }).create()
  const tributi = await OfficeFactory.merge({
    enteId: fixture.ente.id,
    name: 'Ufficio Tributi',
  }).create()
  await fixture.mario.related('offices').attach([mobilita.id])
  await fixture.giulia.related('offices').attach([tributi.id])
  return { ...fixture, mobilita, tributi }
}

test.group('Assegna ad un operatore, Cambio priorità, Cambio stato', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('assigning to an office and its operator: In carico of them, in the iter', async ({
    client,
    assert,
  }) => {
    const fixture = await withOffices()
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)

    const response = await postAction(client, fixture.giulia, `${url}/assegna`, {
      ufficio: String(fixture.mobilita.id),
      operatore: String(fixture.mario.id),
    })

    response.assertFlashMessage('success', 'La pratica è stata assegnata.')
    await pratica.refresh()
    assert.include(pratica.$attributes, {
      status: 4000,
      operatorId: fixture.mario.id,
      officeId: fixture.mobilita.id,
    })
    const page = await client.get(url).loginAs(fixture.mario)
    assert.include(visibleText(page), 'Assegnata a Mario Rossi (Ufficio Mobilità)')
    assert.lengthOf(await AuditLog.query().where('action', 'pratica_assigned'), 1)
  })

  test('only to an office: the state stays, one of its operators takes it', async ({
    client,
    assert,
  }) => {
    const fixture = await withOffices()
    const pratica = await sentPratica(fixture, 2000)

    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, pratica)}/assegna`, {
      ufficio: String(fixture.tributi.id),
    })

    await pratica.refresh()
    assert.include(pratica.$attributes, {
      status: 2000,
      operatorId: null,
      officeId: fixture.tributi.id,
    })
  })

  test('an operator outside the office chosen: the reason next to "Operatore", the choice kept', async ({
    client,
    assert,
  }) => {
    const fixture = await withOffices()
    const pratica = await sentPratica(fixture, 2000)

    const response = await postAction(
      client,
      fixture.mario,
      `${praticaUrl(fixture.ente, pratica)}/assegna`,
      {
        ufficio: String(fixture.tributi.id),
        operatore: String(fixture.mario.id),
      }
    )

    response.assertStatus(422)
    const html = pageText(response)
    assert.match(
      html,
      /id="assign-operator-error"[^>]*>Mario Rossi non fa parte dell'Ufficio Tributi: scegli un operatore dell'ufficio\./
    )
    assert.match(html, new RegExp(`<option value="${fixture.tributi.id}" selected>`))
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
  })

  test('operators not enabled for the service are neither offered nor accepted', async ({
    client,
    assert,
  }) => {
    const fixture = await withOffices()
    const outsider = await operatorOf(fixture.ente, null, 'Anna', 'Neri')
    const pratica = await sentPratica(fixture, 2000)
    const url = praticaUrl(fixture.ente, pratica)

    const page = await client.get(url).loginAs(fixture.mario)
    assert.notInclude(visibleText(page), 'Anna Neri')
    const response = await postAction(client, fixture.mario, `${url}/assegna`, {
      operatore: String(outsider.id),
    })
    response.assertStatus(422)
    await pratica.refresh()
    assert.isNull(pratica.operatorId)
  })

  test('Cambio priorità', async ({ client, assert }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)

    const response = await postAction(
      client,
      fixture.mario,
      `${praticaUrl(fixture.ente, pratica)}/priorita`,
      {
        priorita: '2',
      }
    )

    response.assertFlashMessage('success', 'La priorità è stata cambiata.')
    await pratica.refresh()
    assert.equal(pratica.priority, 2)
    const audit = await AuditLog.query().where('action', 'pratica_priority_changed').firstOrFail()
    assert.deepEqual(audit.metadata, { from: 'Bassa', to: 'Alta' })
  })

  test('Cambio stato: a change the machine allows, with its message in the iter', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 9000)

    const response = await postAction(
      client,
      fixture.mario,
      `${praticaUrl(fixture.ente, pratica)}/stato`,
      {
        stato: '4000',
        da: '9000',
        messaggio: 'Riaperta su richiesta del cittadino',
      }
    )

    response.assertFlashMessage('success', 'Lo stato è stato cambiato.')
    await pratica.refresh()
    assert.equal(pratica.status, 4000)
    assert.equal(pratica.operatorId, fixture.mario.id)
    const last = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(last.message, 'Riaperta su richiesta del cittadino')
  })

  test('Cambio stato: a target not offered, or from a state that moved, changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    const pratica = await sentPratica(fixture, 2000)
    const url = `${praticaUrl(fixture.ente, pratica)}/stato`

    const notOffered = await postAction(client, fixture.mario, url, { stato: '7000', da: '2000' })
    notOffered.assertFlashMessage('error', 'Scegli uno degli stati proposti.')
    const moved = await postAction(client, fixture.mario, url, { stato: '4000', da: '3000' })
    moved.assertFlashMessage(
      'error',
      'La pratica nel frattempo è passata allo stato "Acquisita": ricarica la pagina.'
    )
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
  })
})
