import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Upload from '#models/upload'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { postMessage, PRATICA_MESSAGE_CREATED } from '#services/pratiche/post_message'

test.group('Pratica messages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a message takes its attachments and announces itself in the same transaction', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const service = await ServiceFactory.merge({ enteId: ente.id }).create()
    const pratica = await PraticaFactory.apply('submitted')
      .merge({ enteId: ente.id, serviceId: service.id })
      .create()
    await Upload.create({
      id: '11111111-1111-4111-8111-111111111111',
      enteId: ente.id,
      owner: 'draft:abc',
      field: 'allegati',
      clientName: 'ricevuta.pdf',
      extension: 'pdf',
      mimeType: 'application/pdf',
      size: 1024,
      diskKey: 'uploads/x.pdf',
    })

    const message = await db.transaction((trx) =>
      postMessage(trx, pratica, {
        author: { type: 'citizen', id: 7, name: 'Lorenzo Bertoli' },
        body: 'Allego la ricevuta richiesta.',
        attachmentsFrom: 'draft:abc',
      })
    )

    const upload = await Upload.findOrFail('11111111-1111-4111-8111-111111111111')
    assert.equal(upload.owner, `message:${message.id}`)
    assert.equal(message.visibility, 'applicant')
    const [event] = await db.from('outbox_events').where('type', PRATICA_MESSAGE_CREATED)
    assert.deepInclude(JSON.parse(event.payload), { praticaId: pratica.id, messageId: message.id })
  })
})
