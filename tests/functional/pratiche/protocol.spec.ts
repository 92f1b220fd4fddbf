import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import EntePlugin from '#models/ente_plugin'
import PraticaDocument from '#models/pratica_document'
import PraticaStatusChange from '#models/pratica_status_change'
import type Ente from '#models/ente'
import { SimulatorServer } from '#extension_points/simulator_server'
import protocolManager from '#extension_points/protocol/manager'
import { simulatorRoutes } from '#plugins/protocol_test_register/simulator/routes'
import { countDocuments } from '#plugins/protocol_test_register/simulator/store'
import { pdfFile } from './helpers.js'
import { protocolKey } from '#services/pratiche/protocol_registration'
import { pageText } from '#tests/functional/identity/helpers'
import { asCitizen, fillAndSubmit, workTheQueue, ztlSetup } from './helpers.js'

/** The test register served on a port of its own, so that it can go down. */
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

/** The protocol job of the pratica's change to Acquisita (the others' have nothing to do). */
async function protocolJob() {
  const jobs = await db.from('queue_jobs').where('name', 'pratiche.protocol').orderBy('id')
  return jobs.find((job) => JSON.parse(job.payload).payload.to === 2000)
}

/** A clock that moves on by an hour at every call: every retry is due. */
function hoursLater() {
  let hours = 0
  return () => new Date(Date.now() + ++hours * 3_600_000)
}

test.group('Pratica: protocol (protocol_test_register)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => register.start())
  group.teardown(() => register.stop())

  test('Acquisita → Protocollata with the register number; the modulo compilato is the main document', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({ protocolRequired: true })
    await withRegister(ente)
    const { pratica, base } = await fillAndSubmit(client, ente, service, citizen)
    const documentsBefore = await countDocuments()

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 3000)
    assert.match(pratica.protocolNumber!, /^\d{7}$/)
    assert.isNotNull(pratica.protocolDate)
    const iter = await PraticaStatusChange.query().where('pratica_id', pratica.id).orderBy('id')
    assert.deepEqual(
      iter.map((step) => step.label),
      ['Bozza', 'Inviata', 'Acquisita', 'Protocollata']
    )
    assert.equal(await countDocuments(), documentsBefore + 1)

    const modulo = await PraticaDocument.findByOrFail('pratica_id', pratica.id)
    assert.equal(modulo.protocol?.number, pratica.protocolNumber)
    const { adapter } = await protocolManager.forEnte(ente)
    const registered = await adapter.getDocument(modulo.protocol!)
    assert.equal(registered.documentType, 'application-request')
    assert.equal(registered.mainDocument.sha256, modulo.sha256)
    assert.equal(registered.correspondent.fiscalCode, citizen.fiscalCode)

    const receipt = await asCitizen(client.get(`${base}/ricevuta`), ente, citizen)
    assert.include(pageText(receipt), `<dd>${pratica.protocolNumber} del `)
  })

  test('a register that is down leaves the pratica Acquisita, the job retries; back up, Protocollata once', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({ protocolRequired: true })
    await withRegister(ente)
    const { pratica } = await fillAndSubmit(client, ente, service, citizen)
    await register.stop()

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
    assert.isNull(pratica.protocolNumber)
    const waiting = await protocolJob()
    assert.equal(waiting.status, 'pending')
    assert.include(waiting.last_error, 'non è raggiungibile')

    await register.start()
    const clock = hoursLater()
    await workTheQueue({ clock })
    await workTheQueue({ clock })
    await pratica.refresh()
    assert.equal(pratica.status, 3000)
    const protocolled = await PraticaStatusChange.query()
      .where('pratica_id', pratica.id)
      .where('to_status', 3000)
    assert.lengthOf(protocolled, 1)
    const done = await protocolJob()
    assert.equal(done.status, 'completed')
  })

  test('a registration the job could not record is not made twice: the retry gets the same number', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({ protocolRequired: true })
    await withRegister(ente)
    const { pratica } = await fillAndSubmit(client, ente, service, citizen)
    // as if an earlier attempt registered the document and died before saving the number
    const { adapter } = await protocolManager.forEnte(ente)
    const earlier = await adapter.registerInbound({
      idempotencyKey: protocolKey(pratica),
      documentType: 'application-request',
      subject: 'tentativo precedente',
      correspondent: { kind: 'person', name: citizen.firstName },
      mainDocument: { filename: 'modulo.pdf', contentType: 'application/pdf', content: pdfFile() },
      attachments: [],
    })
    const documents = await countDocuments()

    await workTheQueue()
    await pratica.refresh()
    assert.equal(pratica.status, 3000)
    assert.equal(pratica.protocolNumber, earlier.number)
    assert.equal(await countDocuments(), documents)
  })

  test('without a protocol plugin the pratica waits Acquisita; the job ends among the failed ones', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup({ protocolRequired: true })
    const { pratica } = await fillAndSubmit(client, ente, service, citizen)

    const clock = hoursLater()
    for (let attempt = 0; attempt < 13; attempt++) await workTheQueue({ clock })
    await pratica.refresh()
    assert.equal(pratica.status, 2000)
    const failed = await protocolJob()
    assert.equal(failed.status, 'failed')
    assert.include(
      failed.last_error,
      `Nessun sistema di protocollo abilitato per l'ente ${ente.name}`
    )
  })
})
