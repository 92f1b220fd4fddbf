import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import Upload from '#models/upload'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { areaFixture, pdf, praticaIn, storedUpload } from './helpers.js'

test.group('Personal area: "Elimina" a draft', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('asks first, then removes the draft with its files', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const draft = await praticaIn(ente, service, citizen, 1000)
    const file = await storedUpload(ente, `pratica:${draft.id}`, 'documento.pdf', pdf())
    const url = `${area}/pratiche/${draft.uuid}/elimina`

    const confirm = await client.get(url).withGuard('citizen').loginAs(citizen)
    confirm.assertStatus(200)
    assert.include(
      pageText(confirm),
      'Vuoi eliminare la bozza della pratica «Richiedere permesso di accesso ad area ZTL»?'
    )
    assert.include(pageText(confirm), `action="${url}"`)

    const response = await client
      .post(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `${area}/pratiche`)
    response.assertFlashMessage('success', 'La bozza è stata eliminata.')
    assert.isNull(await Pratica.find(draft.id))
    assert.isNull(await Upload.find(file.id))
    assert.isFalse(await drive.use().exists(file.diskKey))
  })

  test('a sent pratica is never deleted', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const sent = await praticaIn(ente, service, citizen, 2000)
    const url = `${area}/pratiche/${sent.uuid}/elimina`

    const confirm = await client.get(url).withGuard('citizen').loginAs(citizen)
    confirm.assertStatus(404)
    const response = await client
      .post(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('error', 'Solo le pratiche in bozza possono essere eliminate.')
    assert.isNotNull(await Pratica.find(sent.id))
  })

  test("another citizen's draft answers 404 and stays", async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 1000)

    const response = await client
      .post(`${area}/pratiche/${theirs.uuid}/elimina`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
    response.assertStatus(404)
    assert.isNotNull(await Pratica.find(theirs.id))
  })
})
