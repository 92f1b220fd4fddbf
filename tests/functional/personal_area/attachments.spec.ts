import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { areaFixture, officeMessage, pdf, png, praticaIn, storedUpload } from './helpers.js'

test.group('Personal area: "Allegati" and downloads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test("the pratica's files and the office's message attachments: listed, counted, downloaded", async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    const formFile = await storedUpload(ente, `pratica:${pratica.id}`, 'carta identità.pdf', pdf())
    const message = await officeMessage(pratica, 'In allegato la ricevuta.')
    const officeFile = await storedUpload(ente, message.uploadOwner, 'ricevuta.png', png())

    const page = pageText(
      await client.get(`${area}/pratiche/${pratica.uuid}`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(page.replace(/\s+/g, ' '), 'Allegati 2')
    assert.include(page, `${area}/allegati/${formFile.id}`)
    assert.include(page, `${area}/allegati/${officeFile.id}`)
    assert.include(page, 'caricato nel modulo')
    assert.match(page, /allegato al messaggio del \d{1,2} \w{3} \d{4} alle/)

    const section = pageText(
      await client.get(`${area}/allegati`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(section, 'carta identità.pdf')
    assert.include(section, 'ricevuta.png')
    assert.include(section, `${area}/pratiche/${pratica.uuid}`)

    const download = await client
      .get(`${area}/allegati/${formFile.id}`)
      .withGuard('citizen')
      .loginAs(citizen)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
    download.assertHeader(
      'content-disposition',
      `attachment; filename="carta identit_.pdf"; filename*=UTF-8''carta%20identit%C3%A0.pdf`
    )
    download.assertHeader('x-content-type-options', 'nosniff')
    assert.equal(Buffer.from(download.body()).subarray(0, 8).toString(), '%PDF-1.4')
  })

  test("internal notes' files, other citizens' files and unknown ids answer 404", async ({
    client,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    const note = await officeMessage(pratica, 'Nota interna', 'internal')
    const noteFile = await storedUpload(ente, note.uploadOwner, 'verifica.pdf', pdf())
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 2000)
    const theirFile = await storedUpload(ente, `pratica:${theirs.id}`, 'loro.pdf', pdf())
    const draftFile = await storedUpload(
      ente,
      'draft:0b7f9a52-8a4e-4a53-9d55-3c1f4a0e9b11',
      'bozza.pdf',
      pdf()
    )

    for (const id of [noteFile.id, theirFile.id, draftFile.id, 'record-inesistente']) {
      const response = await client
        .get(`${area}/allegati/${id}`)
        .withGuard('citizen')
        .loginAs(citizen)
      response.assertStatus(404)
    }
  })

  test('"Allegati" says when there are none', async ({ client, assert }) => {
    const { citizen, area } = await areaFixture()
    const text = pageText(
      await client.get(`${area}/allegati`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(text, 'Nessun allegato')
  })
})
