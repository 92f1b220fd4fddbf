import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import Pratica from '#models/pratica'
import Upload from '#models/upload'
import { CitizenFactory } from '#factories/citizen_factory'
import {
  asCitizen,
  fillAndSubmit,
  openDraft,
  pdfFile,
  workTheQueue,
  ztlFields,
  ztlSetup,
} from './helpers.js'

test.group('Pratica: rinnovo, modifica, voltura', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a rinnovo is a new draft linked to the first pratica, which does not change', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { base } = await openDraft(client, ente, service, citizen)
    await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .fields({ _step: '3', _action: 'prev' })
      .file('upload:attachments', pdfFile(), { filename: 'libretto.pdf' })
    const upload = await Upload.query().where('client_name', 'libretto.pdf').firstOrFail()
    const { pratica: first } = await fillAndSubmit(client, ente, service, citizen, {
      'attachments[]': upload.id,
    })
    await workTheQueue()
    await first.refresh()
    const before = { ...first.$attributes }

    const response = await asCitizen(client.post(`${base}/nuova-richiesta`), ente, citizen)
      .withCsrfToken()
      .form({ relation: 'rinnovo' })
      .redirects(0)
    const renewal = await Pratica.query().where('parent_id', first.id).firstOrFail()
    assert.equal(response.header('location'), `/${ente.slug}/pratiche/${renewal.uuid}/compila`)
    assert.include(renewal.$attributes, {
      status: 1000,
      relation: 'rinnovo',
      citizenId: citizen.id,
      serviceId: service.id,
    })
    assert.equal(renewal.data.request_type, 'rinnovo', 'Tipo di richiesta')
    assert.deepEqual((renewal.data.vehicles as any[])[0], (first.data.vehicles as any[])[0])

    // the files are copies: same content, the first pratica keeps its own
    const [copy] = (renewal.data.attachments as Array<{ id: string; name: string }>) ?? []
    assert.notEqual(copy.id, upload.id)
    assert.equal(copy.name, 'libretto.pdf')
    const copied = await Upload.findOrFail(copy.id)
    assert.equal(copied.owner, `pratica:${renewal.id}`)
    assert.deepEqual(
      await drive.use().getBytes(copied.diskKey),
      await drive.use().getBytes(upload.diskKey)
    )
    await upload.refresh()
    assert.equal(upload.owner, `pratica:${first.id}`)

    // sending the rinnovo leaves the first pratica as it was
    const renewalBase = `/${ente.slug}/pratiche/${renewal.uuid}`
    await asCitizen(client.post(`${renewalBase}/compila`), ente, citizen)
      .withCsrfToken()
      .form({
        ...ztlFields(citizen, { 'request_type': 'rinnovo', 'vehicles/0/plate': 'CD456EF' }),
        'attachments[]': copy.id,
        '_step': '3',
        '_action': 'submit',
      })
    await asCitizen(client.post(`${renewalBase}/invia`), ente, citizen).withCsrfToken()
    await workTheQueue()
    await renewal.refresh()
    assert.equal(renewal.status, 2000)
    await first.refresh()
    assert.deepEqual(first.$attributes, before)
  })

  test('only from a sent pratica, with one of the three relations, by its citizen', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { base } = await openDraft(client, ente, service, citizen)

    const fromDraft = await asCitizen(client.post(`${base}/nuova-richiesta`), ente, citizen)
      .withCsrfToken()
      .header('referer', `${base}/ricevuta`)
      .form({ relation: 'modifica' })
      .redirects(0)
    fromDraft.assertFlashMessage('error', 'La pratica non è ancora stata inviata.')

    await fillAndSubmit(client, ente, service, citizen)
    const unknown = await asCitizen(client.post(`${base}/nuova-richiesta`), ente, citizen)
      .withCsrfToken()
      .form({ relation: 'sospensione' })
    unknown.assertStatus(404)

    const stranger = await CitizenFactory.merge({ enteId: ente.id }).create()
    const byStranger = await asCitizen(client.post(`${base}/nuova-richiesta`), ente, stranger)
      .withCsrfToken()
      .form({ relation: 'voltura' })
    byStranger.assertStatus(404)
    assert.lengthOf(await Pratica.query().whereNotNull('parent_id'), 0)
  })
})
