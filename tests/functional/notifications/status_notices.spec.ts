import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DevMail from '#models/dev_mail'
import OutboxEvent from '#models/outbox_event'
import PraticaMessage from '#models/pratica_message'
import type Service from '#models/service'
import type Citizen from '#models/citizen'
import { UserFactory } from '#factories/user_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { EnteFactory } from '#factories/ente_factory'
import { changeStatus, PRATICA_STATUS_CHANGED } from '#services/pratiche/change_status'
import { notifyPraticaStatusChange } from '#jobs/notifications/notify_status_change'
import type { StatusChanged } from '#jobs/pratiche/status_event'
import type { PraticaStatusCode } from '#domain/pratica_status'
import { workTheQueue, ztlSetup } from '#tests/functional/pratiche/helpers'

async function acquired(service: Service, citizen: Citizen) {
  return PraticaFactory.merge({
    enteId: service.enteId,
    serviceId: service.id,
    citizenId: citizen.id,
    status: 2000,
  }).create()
}

async function move(
  praticaId: number,
  to: PraticaStatusCode,
  options: { partial?: boolean; applicantNotified?: boolean } = {}
) {
  await db.transaction((trx) =>
    changeStatus(trx, praticaId, to, {
      actor: { type: 'operator', name: 'Mario Rossi' },
      ...options,
    })
  )
}

async function mailsTo(address: string) {
  return DevMail.query().where('to_addresses', 'like', `%${address}%`).orderBy('id')
}

async function subjectsTo(address: string) {
  const mails = await mailsTo(address)
  return mails.map((mail) => mail.subject)
}

/** An ente with the e-mail channel, the ZTL service, a citizen, and its staff. */
async function staffSetup(service: Partial<Service> = {}) {
  const setup = await ztlSetup(service)
  const enabled = await UserFactory.merge({ enteId: setup.ente.id }).create()
  const manager = await UserFactory.apply('manager').merge({ enteId: setup.ente.id }).create()
  const disabled = await UserFactory.apply('disabled').merge({ enteId: setup.ente.id }).create()
  const elsewhere = await UserFactory.merge({ enteId: setup.ente.id }).create()
  await enabled.related('services').attach([setup.service.id])
  await manager.related('services').attach([setup.service.id])
  await disabled.related('services').attach([setup.service.id])
  return { ...setup, enabled, manager, disabled, elsewhere }
}

test.group('Notifications of a change of state', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('"In carico": the citizen gets the platform text by e-mail and as a message; the enabled operators get theirs', async ({
    assert,
    client,
  }) => {
    const { ente, service, citizen, enabled, manager, disabled, elsewhere } = await staffSetup()
    const pratica = await acquired(service, citizen)

    await move(pratica.id, 4000)
    await workTheQueue()

    const toCitizen = await mailsTo(citizen.email!)
    assert.lengthOf(toCitizen, 1)
    assert.equal(toCitizen[0].subject, `${service.name}: la tua pratica è nello stato "In carico"`)
    const text = toCitizen[0].text ?? ''
    assert.include(text, `Gentile ${citizen.firstName} ${citizen.lastName},`)
    assert.include(
      text,
      `la tua richiesta ${pratica.uuid} per il servizio ${service.name} è passata allo stato "In carico" il `
    )
    assert.include(text, `/${ente.slug}/area-personale/pratiche/${pratica.uuid}`)
    assert.include(toCitizen[0].html ?? '', `Numero richiesta: ${pratica.uuid}`)

    const messages = await PraticaMessage.query().where('pratica_id', pratica.id)
    assert.lengthOf(messages, 1)
    assert.equal(messages[0].authorType, 'system')
    assert.equal(messages[0].visibility, 'applicant')
    assert.equal(messages[0].body, text)

    for (const operator of [enabled, manager]) {
      const mails = await mailsTo(operator.email)
      assert.lengthOf(mails, 1, operator.username)
      assert.equal(mails[0].subject, `[${service.name}] Pratica passata allo stato "In carico"`)
      assert.include(mails[0].text ?? '', `La pratica ${pratica.uuid} del servizio ${service.name}`)
      assert.include(mails[0].text ?? '', `/${ente.slug}/backoffice/pratiche/${pratica.uuid}`)
    }
    // the development mailbox shows them
    const mailbox = await client.get(`/dev/mailbox/${toCitizen[0].id}`)
    mailbox.assertStatus(200)
    mailbox.assertTextIncludes(`la tua richiesta ${pratica.uuid}`)

    assert.lengthOf(await mailsTo(disabled.email), 0, 'a disabled operator gets nothing')
    assert.lengthOf(await mailsTo(elsewhere.email), 0, 'not enabled for the service: nothing')
  })

  test("the service's template for the state, with its placeholders filled and escaped", async ({
    assert,
  }) => {
    const { service, citizen } = await staffSetup({
      messageTemplates: {
        7000: {
          it: 'Ciao {{ nome }}, la pratica {{ numero_richiesta }} è {{ stato }}. <b>Evviva</b>',
        },
      },
    })
    const pratica = await acquired(service, citizen)
    await move(pratica.id, 4000)
    await move(pratica.id, 7000, { partial: true })
    await workTheQueue()

    const mails = await mailsTo(citizen.email!)
    assert.lengthOf(mails, 2)
    const approved = mails.find((mail) => mail.subject.endsWith('"Parzialmente approvata"'))!
    assert.equal(
      approved.text,
      `Ciao ${citizen.firstName}, la pratica ${pratica.uuid} è Parzialmente approvata. <b>Evviva</b>`
    )
    assert.include(approved.html ?? '', '&lt;b&gt;Evviva&lt;/b&gt;')
    assert.notInclude(approved.html ?? '', '<b>Evviva</b>')
  })

  test('Inviata has the receipt and Acquisita follows it: no second e-mail to the citizen without a template', async ({
    assert,
  }) => {
    const { service, citizen, enabled } = await staffSetup()
    const pratica = await PraticaFactory.merge({
      enteId: service.enteId,
      serviceId: service.id,
      citizenId: citizen.id,
      status: 1000,
    }).create()

    await move(pratica.id, 1900)
    await workTheQueue()

    assert.deepEqual(
      await subjectsTo(citizen.email!),
      [`Richiesta ricevuta: ${service.name}`],
      'the receipt only'
    )
    assert.sameMembers(await subjectsTo(enabled.email), [
      `[${service.name}] Pratica passata allo stato "Inviata"`,
      `[${service.name}] Pratica passata allo stato "Acquisita"`,
    ])
  })

  test('a change whose action e-mails the applicant itself (integration request, outcome): no platform text on top, the template if written', async ({
    assert,
  }) => {
    const { service, citizen, enabled } = await staffSetup({
      messageTemplates: { 7000: { it: 'La pratica {{ numero_richiesta }} è stata accettata.' } },
    })
    const pratica = await acquired(service, citizen)
    const other = await acquired(service, citizen)

    await move(pratica.id, 4000)
    await move(pratica.id, 9000, { applicantNotified: true })
    await workTheQueue()

    assert.deepEqual(await subjectsTo(citizen.email!), [
      `${service.name}: la tua pratica è nello stato "In carico"`,
    ])
    assert.lengthOf(await PraticaMessage.query().where('pratica_id', pratica.id), 1)
    assert.sameMembers(await subjectsTo(enabled.email), [
      `[${service.name}] Pratica passata allo stato "In carico"`,
      `[${service.name}] Pratica passata allo stato "Rifiutata"`,
    ])

    // the admin wrote a text for Accettata: it goes out with the office's own e-mail
    await move(other.id, 4000, { applicantNotified: true })
    await move(other.id, 7000, { applicantNotified: true })
    await workTheQueue()
    assert.deepEqual(await subjectsTo(citizen.email!), [
      `${service.name}: la tua pratica è nello stato "In carico"`,
      `${service.name}: la tua pratica è nello stato "Accettata"`,
    ])
  })

  test('a job run again (crash, retry, event dispatched twice) sends nothing twice', async ({
    assert,
  }) => {
    const { service, citizen, enabled, manager } = await staffSetup()
    const pratica = await acquired(service, citizen)
    await move(pratica.id, 4000)
    const event = await OutboxEvent.query()
      .where('type', PRATICA_STATUS_CHANGED)
      .orderBy('id', 'desc')
      .firstOrFail()
    const delivery = {
      eventId: event.id,
      type: event.type,
      enteId: event.enteId,
      payload: event.payload,
      occurredAt: event.createdAt.toISO(),
    } as unknown as StatusChanged

    await workTheQueue()
    await notifyPraticaStatusChange(delivery)
    await notifyPraticaStatusChange(delivery)
    await workTheQueue()

    assert.lengthOf(await mailsTo(citizen.email!), 1)
    assert.lengthOf(await mailsTo(enabled.email), 1)
    assert.lengthOf(await mailsTo(manager.email), 1)
    assert.lengthOf(await PraticaMessage.query().where('pratica_id', pratica.id), 1)

    // a second change of the same pratica is another notice
    await move(pratica.id, 9000)
    await workTheQueue()
    assert.lengthOf(await mailsTo(citizen.email!), 2)
    assert.lengthOf(await mailsTo(enabled.email), 2)
  })

  test('an operator of another ente is never told, even with the same service name', async ({
    assert,
  }) => {
    const { service, citizen } = await staffSetup()
    const other = await EnteFactory.create()
    const stranger = await UserFactory.merge({ enteId: other.id }).create()
    // a row that should not exist: an enablement across enti
    await db.table('operator_services').insert({ user_id: stranger.id, service_id: service.id })
    const pratica = await acquired(service, citizen)

    await move(pratica.id, 4000)
    await workTheQueue()

    assert.lengthOf(await mailsTo(stranger.email), 0)
  })
})
