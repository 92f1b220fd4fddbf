import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import EntePlugin from '#models/ente_plugin'
import PraticaStatusChange from '#models/pratica_status_change'
import type Ente from '#models/ente'
import { OfficeFactory } from '#factories/office_factory'
import { SimulatorServer } from '#extension_points/simulator_server'
import { simulatorRoutes } from '#plugins/protocol_test_register/simulator/routes'
import { outcomeProtocolKey } from '#services/backoffice/pratica/outcome_protocol'
import { workTheQueue } from '#tests/functional/pratiche/helpers'
import { praticaIn } from '#tests/functional/personal_area/helpers'
import { inChargeOf, officeFixture, postAction, praticaUrl, sentPratica } from './helpers.js'

const register = new SimulatorServer(simulatorRoutes)

async function withRegister(ente: Ente) {
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'protocol_test_register',
    inContract: true,
    enabled: true,
    config: { aoo: `c_${ente.slug}`, baseUrl: register.url },
  })
}

/** A clock that moves on by an hour at every call: every retry is due. */
function hoursLater() {
  let hours = 0
  return () => new Date(Date.now() + ++hours * 3_600_000)
}

test.group('Assegnazione automatica at acquisition', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("the office the rule names for the form's value; once; a value it does not name, none", async ({
    assert,
  }) => {
    const fixture = await officeFixture()
    const mobilita = await OfficeFactory.merge({
      enteId: fixture.ente.id,
      name: 'Ufficio Mobilità',
    }).create()
    fixture.service.autoAssignment = {
      fieldKey: 'motivo',
      offices: { 'Carico e scarico': mobilita.id },
    }
    await fixture.service.save()
    const named = await praticaIn(fixture.ente, fixture.service, fixture.citizen, 1900)
    const other = await praticaIn(fixture.ente, fixture.service, fixture.citizen, 1900, {
      motivo: 'Residenza',
    })

    await workTheQueue()

    await named.refresh()
    assert.equal(named.status, 2000)
    assert.equal(named.officeId, mobilita.id)
    await other.refresh()
    assert.equal(other.status, 2000)
    assert.isNull(other.officeId)
    const effects = await db
      .from('processed_effects')
      .where('key', `pratica:${named.id}:auto_assign`)
    assert.lengthOf(effects, 1)
  })
})

test.group('Protocol of the outcome document (protocol_test_register)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => register.start())
  group.teardown(() => register.stop())

  test('Approva → 6000; the response document registered outbound; → 7000 with the number', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    fixture.service.protocolRequired = true
    await fixture.service.save()
    await withRegister(fixture.ente)
    const pratica = await sentPratica(fixture, 3000)
    await inChargeOf(pratica, fixture.mario)
    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, pratica)}/approva`, {
      messaggio: 'La richiesta è accettata.',
    })
    await pratica.refresh()
    assert.equal(pratica.status, 6000)

    await workTheQueue()

    await pratica.refresh()
    assert.equal(pratica.status, 7000)
    const last = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.include(last.$attributes, { fromStatus: 6000, toStatus: 7000, actorType: 'system' })
    assert.match(last.message!, /^Protocollo \d+ del \d\d\/\d\d\/\d{4}$/)
    const registered = await db
      .from('test_register_documents')
      .where('external_key', outcomeProtocolKey(pratica))
    assert.lengthOf(registered, 1)
    assert.include(registered[0], { direction: 'U', kind: 'application-outcome' })
    const files = await db.from('test_register_files').where('document_id', registered[0].id)
    assert.equal(files[0].filename, `esito-${pratica.uuid}.pdf`)
  })

  test('a register that is down: Rifiutata stays in attesa di protocollazione, then 9000 once', async ({
    client,
    assert,
  }) => {
    const fixture = await officeFixture()
    fixture.service.protocolRequired = true
    await fixture.service.save()
    await withRegister(fixture.ente)
    const pratica = await sentPratica(fixture, 3000)
    await inChargeOf(pratica, fixture.mario)
    await postAction(client, fixture.mario, `${praticaUrl(fixture.ente, pratica)}/rigetta`, {
      messaggio: 'La richiesta è rifiutata.',
    })
    await register.stop()

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 8000)

    await register.start()
    const clock = hoursLater()
    await workTheQueue({ clock })
    await workTheQueue({ clock })
    await pratica.refresh()
    assert.equal(pratica.status, 9000)
    assert.lengthOf(
      await PraticaStatusChange.query().where('pratica_id', pratica.id).where('to_status', 9000),
      1
    )
  })
})
